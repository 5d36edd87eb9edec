from __future__ import annotations

from typing import TYPE_CHECKING, Any

from choices.tests.factories import (
    InPlaceBudgetFactory,
    PlacementFactory,
    PlanLineFactory,
    SpendFactory,
    VocationalProfileFactory,
    WorkGoalFactory,
)
from star.tests.access_matrix import NOT_FOUND, OK, Case, Kwargs, case, post_only

if TYPE_CHECKING:
    from conftest import World
    from people.models import Person


def caseload_person(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, Any]:
    return {"person_id": world.stranger.pk}


def _budget_of(person_attr: str) -> Kwargs:
    def kwargs(world: World) -> dict[str, Any]:
        person: Person = getattr(world, person_attr)
        return {"person_id": person.pk, "budget_id": InPlaceBudgetFactory.create(person=person).pk}

    return kwargs


def _staff_person_cases() -> list[Case]:
    return [case(str_worker=OK, manager=OK, kwargs=caseload_person), case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger)]


def _staff_budget_cases() -> list[Case]:
    return [
        case(str_worker=OK, manager=OK, kwargs=_budget_of("caseload_person")),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=_budget_of("stranger")),
    ]


def _with_budget(person_attr: str) -> Kwargs:
    def kwargs(world: World) -> dict[str, Any]:
        person: Person = getattr(world, person_attr)
        InPlaceBudgetFactory.create(person=person)
        return {"person_id": person.pk}

    return kwargs


def _own_budget(world: World) -> dict[str, Any]:
    InPlaceBudgetFactory.create(person=world.member_person)
    return {}


def _line(person_attr: str, *, own: bool = False) -> Kwargs:
    def kwargs(world: World) -> dict[str, Any]:
        person: Person = getattr(world, person_attr)
        line = PlanLineFactory.create(budget=InPlaceBudgetFactory.create(person=person))
        return {"line_id": line.pk} if own else {"person_id": person.pk, "line_id": line.pk}

    return kwargs


def _spend(person_attr: str, *, own: bool = False) -> Kwargs:
    def kwargs(world: World) -> dict[str, Any]:
        person: Person = getattr(world, person_attr)
        spend = SpendFactory.create(budget=InPlaceBudgetFactory.create(person=person))
        return {"spend_id": spend.pk} if own else {"person_id": person.pk, "spend_id": spend.pk}

    return kwargs


def _goal(person_attr: str, *, own: bool = False) -> Kwargs:
    def kwargs(world: World) -> dict[str, Any]:
        person: Person = getattr(world, person_attr)
        goal = WorkGoalFactory.create(person=person)
        return {"goal_id": goal.pk} if own else {"person_id": person.pk, "goal_id": goal.pk}

    return kwargs


def _placement(person_attr: str, *, own: bool = False) -> Kwargs:
    def kwargs(world: World) -> dict[str, Any]:
        person: Person = getattr(world, person_attr)
        placement = PlacementFactory.create(person=person)
        return {"placement_id": placement.pk} if own else {"person_id": person.pk, "placement_id": placement.pk}

    return kwargs


def _with_profile(person_attr: str, *, own: bool = False) -> Kwargs:
    def kwargs(world: World) -> dict[str, Any]:
        person: Person = getattr(world, person_attr)
        VocationalProfileFactory.create(person=person)
        return {} if own else {"person_id": person.pk}

    return kwargs


def _budget_page_cases() -> list[Case]:
    return [
        case(str_worker=OK, manager=OK, kwargs=_with_budget("caseload_person")),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=_with_budget("stranger")),
    ]


def _own(kwargs: Kwargs | None = None) -> Case:
    return case(member=OK, kwargs=kwargs)


# Receipts: the factory's spending has no receipt file, so a reachable one is "not found" too;
# test_budgets.py serves a real one. What matters here is who is refused before that.
EXPECTATIONS = {
    "choices:figures": case(manager=OK, commissioner=OK),
    "choices:budget_new": _staff_person_cases(),
    "choices:budget_move": _staff_budget_cases(),
    "choices:budget_council": _staff_budget_cases(),
    "choices:review_new": _staff_budget_cases(),
    "choices:budget": _staff_person_cases(),
    "choices:budget_plan": _budget_page_cases(),
    "choices:line_new": _budget_page_cases(),
    "choices:line_remove": post_only(_line("caseload_person")),
    "choices:spend_new": _budget_page_cases(),
    "choices:receipt": [
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=_spend("caseload_person")),
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=_spend("stranger")),
    ],
    "choices:work": _staff_person_cases(),
    "choices:profile": [
        case(str_worker=OK, manager=OK, kwargs=_with_profile("caseload_person")),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=_with_profile("stranger")),
    ],
    "choices:goal_new": _staff_person_cases(),
    "choices:goal_achieved": post_only(_goal("caseload_person")),
    "choices:activity_new": _staff_person_cases(),
    "choices:start_new": _staff_person_cases(),
    "choices:placement_end": [
        case(str_worker=OK, manager=OK, kwargs=_placement("caseload_person")),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=_placement("stranger")),
    ],
    "choices:my_budget": _own(),
    "choices:my_budget_plan": _own(_own_budget),
    "choices:my_line_new": _own(_own_budget),
    "choices:my_line_remove": post_only(_line("member_person", own=True)),
    "choices:my_spend_new": _own(_own_budget),
    "choices:my_receipt": case(member=NOT_FOUND, kwargs=_spend("member_person", own=True)),
    "choices:my_work": _own(),
    "choices:my_profile": _own(_with_profile("member_person", own=True)),
    "choices:my_goal_new": _own(),
    "choices:my_goal_achieved": post_only(_goal("member_person", own=True)),
    "choices:my_activity_new": _own(),
    "choices:my_start_new": _own(),
    "choices:my_placement_end": _own(_placement("member_person", own=True)),
}
