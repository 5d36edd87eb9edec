from collections.abc import Callable

from conftest import World
from safeguarding.tests.factories import RiskAssessmentFactory, SafeguardingConcernFactory
from star.tests.access_matrix import NOT_FOUND, OK, Case, case


def caseload_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


def assessment(*, of_stranger: bool = False) -> Callable[[World], dict[str, object]]:
    def kwargs(world: World) -> dict[str, object]:
        person = world.stranger if of_stranger else world.caseload_person
        return {"person_id": person.pk, "assessment_id": RiskAssessmentFactory.create(person=person).pk}

    return kwargs


def concern(*, of_stranger: bool = False) -> Callable[[World], dict[str, object]]:
    def kwargs(world: World) -> dict[str, object]:
        person = world.stranger if of_stranger else world.caseload_person
        return {"person_id": person.pk, "concern_id": SafeguardingConcernFactory.create(person=person).pk}

    return kwargs


def strangers_concern_under_own_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk, "concern_id": SafeguardingConcernFactory.create(person=world.stranger).pk}


def _person_cases() -> list[Case]:
    return [case(str_worker=OK, manager=OK, kwargs=caseload_person), case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger)]


EXPECTATIONS = {
    "safeguarding:open_concerns": case(manager=OK),
    "safeguarding:overdue_reviews": case(manager=OK),
    "safeguarding:person": _person_cases(),
    "safeguarding:risk_new": _person_cases(),
    "safeguarding:concern_new": _person_cases(),
    "safeguarding:risk_detail": [
        case(str_worker=OK, manager=OK, kwargs=assessment()),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=assessment(of_stranger=True)),
    ],
    "safeguarding:concern_detail": [
        case(str_worker=OK, manager=OK, kwargs=concern()),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=concern(of_stranger=True)),
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=strangers_concern_under_own_person, label="another person's concern"),
    ],
    "safeguarding:concern_update": [
        case(str_worker=OK, manager=OK, kwargs=concern()),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=concern(of_stranger=True)),
    ],
}
