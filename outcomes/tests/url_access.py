from collections.abc import Callable

from conftest import World
from outcomes.loading import load_shipped_instruments
from outcomes.models import Instrument
from outcomes.tests.factories import MeasurementFactory
from people.models import Person
from star.tests.access_matrix import NOT_FOUND, OK, case


def _instrument(code: str) -> Instrument:
    found = Instrument.objects.filter(code=code).first()
    return found or next(i for i in load_shipped_instruments() if i.code == code)


def _with_wording(code: str) -> str:
    """A licensed measure with (synthetic) wording loaded, so its wording form comes back valid."""
    import json

    from outcomes.loading import load_wording

    instrument = _instrument(code)
    items = [{"link_id": item.link_id, "text": f"Synthetic test statement {item.order}"} for item in instrument.items.all()]
    load_wording(json.dumps({"instrument": code, "items": items}), "test wording")
    return code


def caseload_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


def draft_for(person_attr: str) -> Callable[[World], dict[str, object]]:
    def kwargs(world: World) -> dict[str, object]:
        person: Person = getattr(world, person_attr)
        measurement = MeasurementFactory.create(person=person, instrument=_instrument("PHQ9"), created_by=world.manager)
        return {"person_id": person.pk, "measurement_id": measurement.pk}

    return kwargs


def member_own(world: World) -> dict[str, object]:
    measurement = MeasurementFactory.create(
        person=world.member_person, instrument=_instrument("GAD7"), status="sent", created_by=world.worker
    )
    return {"measurement_id": measurement.pk}


def someone_elses(world: World) -> dict[str, object]:
    measurement = MeasurementFactory.create(
        person=world.caseload_person, instrument=_instrument("GAD7"), status="sent", created_by=world.worker
    )
    return {"measurement_id": measurement.pk}


EXPECTATIONS = {
    "outcomes:person": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="a stranger"),
    ],
    "outcomes:new": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "outcomes:measurement": [
        case(str_worker=OK, manager=OK, kwargs=draft_for("caseload_person")),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=draft_for("stranger")),
    ],
    "outcomes:answer": [
        case(str_worker=OK, manager=OK, kwargs=draft_for("caseload_person")),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=draft_for("stranger")),
    ],
    "outcomes:my_measures": case(member=OK),
    "outcomes:my_answer": [
        case(member=OK, kwargs=member_own, label="the member's own"),
        case(member=NOT_FOUND, kwargs=someone_elses, label="someone else's"),
    ],
    "outcomes:cohorts": case(manager=OK, commissioner=OK),
    "outcomes:wording": case(admin=OK),
    "outcomes:wording_enter": [
        case(admin=OK, kwargs=lambda world: {"code": _with_wording("SWEMWBS")}, label="a licensed measure"),
        case(admin=NOT_FOUND, kwargs=lambda world: {"code": _instrument("PHQ9").code}, label="a measure that is not licensed"),
    ],
}
