from typing import Any

from conftest import World
from people.tests.factories import AlertFactory, BreakGlassGrantFactory
from star.tests.access_matrix import NOT_FOUND, OK, case, post_only


def caseload_person(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, Any]:
    return {"person_id": world.stranger.pk}


def own_record(world: World) -> dict[str, Any]:
    return {"person_id": world.member_person.pk}


def alert(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk, "alert_id": AlertFactory.create(person=world.caseload_person).pk}


def caseload_entry(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk, "entry_id": world.caseload_person.caseload_entries.get().pk}


def grant(world: World) -> dict[str, Any]:
    return {"grant_id": BreakGlassGrantFactory.create(person=world.stranger, user=world.worker).pk}


EXPECTATIONS = {
    "people:search": case(str_worker=OK, manager=OK),
    "people:new": case(str_worker=OK, manager=OK),
    "people:break_glass": case(str_worker=OK),
    "people:break_glass_queue": case(manager=OK),
    "people:break_glass_review": case(manager=OK, kwargs=grant),
    "people:detail": [
        case(str_worker=OK, manager=OK, member=NOT_FOUND, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, member=NOT_FOUND, kwargs=stranger, label="on no caseload of the worker's"),
        case(str_worker=NOT_FOUND, manager=OK, member=OK, kwargs=own_record, label="the member's own record"),
    ],
    "people:edit": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "people:equality": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "people:alert_new": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "people:alert_end": post_only(kwargs=alert),
    "people:caseload": case(manager=OK, kwargs=caseload_person),
    "people:caseload_end": post_only(kwargs=caseload_entry),
}
