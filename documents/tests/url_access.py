from star.tests.access_matrix import NOT_FOUND, OK, case


def caseload_person(world):  # type: ignore[no-untyped-def]
    return {"person_id": world.caseload_person.pk}


def stranger(world):  # type: ignore[no-untyped-def]
    return {"person_id": world.stranger.pk}


def _document(person, by):  # type: ignore[no-untyped-def]
    from documents.tests.factories import make_document

    return {"document_id": make_document(person=person, by=by).pk}


def own_document(world):  # type: ignore[no-untyped-def]
    return _document(world.caseload_person, world.worker)


def strangers_document(world):  # type: ignore[no-untyped-def]
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
