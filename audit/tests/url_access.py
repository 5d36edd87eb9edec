from people.tests.factories import BreakGlassGrantFactory
from star.tests.access_matrix import OK, case


def grant(world):  # type: ignore[no-untyped-def]
    return {"grant_id": BreakGlassGrantFactory(person=world.stranger, user=world.worker).pk}


EXPECTATIONS = {
    "audit:trail": case(manager=OK),
    "audit:break_glass_queue": case(manager=OK),
    "audit:break_glass_review": case(manager=OK, kwargs=grant),
}
