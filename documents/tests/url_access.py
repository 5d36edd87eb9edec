from accounts.models import User
from conftest import World
from people.models import Person
from star.tests.access_matrix import NOT_FOUND, OK, case


def caseload_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


def _document(person: Person, by: User) -> dict[str, object]:
    from documents.tests.factories import make_document

    return {"document_id": make_document(person=person, by=by).pk}


def own_document(world: World) -> dict[str, object]:
    return _document(world.caseload_person, world.worker)


def strangers_document(world: World) -> dict[str, object]:
    return _document(world.stranger, world.other_worker)


EXPECTATIONS = {
    "documents:person": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="on no caseload of the worker's"),
    ],
    "documents:upload": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="on no caseload of the worker's"),
    ],
    "documents:download": [
        case(str_worker=OK, manager=OK, kwargs=own_document, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=strangers_document, label="on no caseload of the worker's"),
    ],
    "documents:remove": [
        case(str_worker=OK, manager=OK, kwargs=own_document, label="uploaded by the worker"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=strangers_document, label="on no caseload of the worker's"),
    ],
}
