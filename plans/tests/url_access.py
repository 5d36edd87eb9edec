from collections.abc import Callable

from conftest import World
from plans.documents import Kind
from plans.tests.factories import make_plan
from star.tests.access_matrix import NOT_FOUND, OK, Case, case


def caseload_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


def start_profile(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk, "kind": "profile"}


def start_unknown_kind(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk, "kind": "horoscope"}


def start_for_stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk, "kind": "goal"}


def document_of(kind: Kind, *, of_stranger: bool = False) -> Callable[[World], dict[str, object]]:
    def kwargs(world: World) -> dict[str, object]:
        person = world.stranger if of_stranger else world.caseload_person
        return {"person_id": person.pk, "document_id": make_plan(person, kind, by=world.manager).pk}

    return kwargs


def other_persons_document(world: World) -> dict[str, object]:
    """The worker's own person in the URL, but another person's document: not found for anyone."""
    return {"person_id": world.caseload_person.pk, "document_id": make_plan(world.stranger, Kind.PROFILE, by=world.manager).pk}


def _document_cases(kind: Kind) -> list[Case]:
    return [
        case(str_worker=OK, manager=OK, kwargs=document_of(kind), label="the worker's own person"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=document_of(kind, of_stranger=True), label="a stranger"),
    ]


EXPECTATIONS = {
    "plans:overview": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "plans:start": [
        case(str_worker=OK, manager=OK, kwargs=start_profile),
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=start_unknown_kind, label="no such kind of document"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=start_for_stranger),
    ],
    "plans:detail": [
        *_document_cases(Kind.PROFILE),
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=other_persons_document, label="another person's document"),
    ],
    "plans:edit": _document_cases(Kind.WRAP),
    "plans:versions": _document_cases(Kind.PATH),
    "plans:compare": _document_cases(Kind.WORKING),
    "plans:print": _document_cases(Kind.CRISIS),
    "plans:progress_new": [
        *_document_cases(Kind.GOAL),
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=document_of(Kind.PROFILE), label="not a goal"),
    ],
    "plans:share_new": [
        *_document_cases(Kind.CRISIS),
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=document_of(Kind.WRAP), label="not a crisis plan"),
    ],
}
