from datetime import date

from records.services import log_subject_access_request
from star.tests.access_matrix import OK, case, post_only


def sar(world):  # type: ignore[no-untyped-def]
    record = log_subject_access_request(by=world.admin, person=world.stranger, requested_by="Themselves", received_on=date(2026, 11, 1))
    return {"request_id": record.pk}


def sar_action(world):  # type: ignore[no-untyped-def]
    return {**sar(world), "action": "complete"}


EXPECTATIONS = {
    "records:request_list": case(admin=OK),
    "records:request_new": case(admin=OK),
    "records:request_detail": case(admin=OK, kwargs=sar),
    "records:request_export": case(admin=OK, kwargs=sar),
    "records:request_action": post_only(kwargs=sar_action),
}
