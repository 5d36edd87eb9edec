from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from records.models import FlaggedItem, RetentionReview
from records.rectification import log_rectification_request
from records.services import log_subject_access_request
from star.tests.access_matrix import OK, case, post_only

if TYPE_CHECKING:
    from conftest import World


def sar(world: World) -> dict[str, Any]:
    record = log_subject_access_request(by=world.admin, person=world.stranger, requested_by="Themselves", received_on=date(2026, 11, 1))
    return {"request_id": record.pk}


def approved_sar(world: World) -> dict[str, Any]:
    from records.services import approve_subject_access_request

    record = log_subject_access_request(
        by=world.admin,
        person=world.stranger,
        requested_by="Themselves",
        received_on=date(2026, 11, 1),
        received_how="letter",
        identity_checked_how="Photo ID seen",
    )
    approve_subject_access_request(by=world.manager, record=record)
    return {"request_id": record.pk}


def released_sar(world: World) -> dict[str, Any]:
    from records.models import SubjectAccessRequest
    from records.services import release, sync_flags

    record = SubjectAccessRequest.objects.get(pk=approved_sar(world)["request_id"])
    sync_flags(record=record)
    FlaggedItem.objects.filter(request=record).update(decision="disclose")
    release(by=world.admin, record=record)
    return {"request_id": record.pk}


def sar_action(world: World) -> dict[str, Any]:
    return {**sar(world), "action": "complete"}


def flagged_item(world: World) -> dict[str, Any]:
    record = log_subject_access_request(by=world.admin, person=world.stranger, requested_by="Themselves", received_on=date(2026, 11, 1))
    item = FlaggedItem.objects.create(
        request=record, section="people.Person", object_id=str(world.stranger.pk), field="emergency_contact_name", why="test"
    )
    return {"request_id": record.pk, "item_id": item.pk}


def rectification(world: World) -> dict[str, Any]:
    record = log_rectification_request(
        by=world.admin, person=world.stranger, requested_by="Themselves", received_on=date(2026, 11, 1), what_is_wrong="Name spelt wrongly"
    )
    return {"rectification_id": record.pk}


def caseload_person(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk}


def retention_review(world: World) -> dict[str, Any]:
    review = RetentionReview.objects.create(
        person=world.stranger, rule="after_last_contact", last_activity_on=date(2000, 1, 1), retain_until=date(2020, 1, 1)
    )
    return {"review_id": review.pk}


class _Outcomes(TypedDict):
    admin: str
    manager: str


DATA_PROTECTION: _Outcomes = {"admin": OK, "manager": OK}

EXPECTATIONS = {
    "records:request_list": case(**DATA_PROTECTION),
    "records:request_new": case(**DATA_PROTECTION),
    "records:request_detail": case(**DATA_PROTECTION, kwargs=sar),
    "records:request_export": case(**DATA_PROTECTION, kwargs=approved_sar),
    "records:request_released": case(**DATA_PROTECTION, kwargs=released_sar),
    "records:request_review": case(**DATA_PROTECTION, kwargs=approved_sar),
    "records:request_decide": post_only(kwargs=flagged_item),
    "records:request_action": post_only(kwargs=sar_action),
    "records:rectification_list": case(**DATA_PROTECTION),
    "records:rectification_new": case(**DATA_PROTECTION),
    "records:rectification_detail": case(**DATA_PROTECTION, kwargs=rectification),
    "records:rectification_amend": post_only(kwargs=rectification),
    "records:rectification_close": post_only(kwargs=rectification),
    "records:person_amendments": case(str_worker=OK, manager=OK, kwargs=caseload_person),
    "records:retention_queue": case(admin=OK),
    "records:destruction_list": case(admin=OK),
    "records:retention_review": case(admin=OK, kwargs=retention_review),
    "records:retention_keep": post_only(kwargs=retention_review),
    "records:retention_destroy": post_only(kwargs=retention_review),
}
