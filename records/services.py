"""Changes to subject access requests: each one a history row, audited, only legal moves."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from audit.services import Action, record_event
from people.models import Person
from records.models import ClockStop, SubjectAccessEvent, SubjectAccessRequest

if TYPE_CHECKING:
    from accounts.models import User

Status = SubjectAccessRequest.Status

ALLOWED = {
    Status.RECEIVED: {Status.CLOCK_STOPPED, Status.IN_PROGRESS, Status.COMPLETED},
    Status.CLOCK_STOPPED: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: {Status.CLOCK_STOPPED, Status.COMPLETED},
    Status.COMPLETED: set(),
}


class IllegalChange(Exception):
    """The request cannot move to that status from where it is."""


def _move(*, request_record: SubjectAccessRequest, to: str, by: User, note: str, request: HttpRequest | None) -> None:
    if to not in ALLOWED[Status(request_record.status)]:
        raise IllegalChange(f"A request that is {request_record.get_status_display().lower()} cannot become {Status(to).label.lower()}.")
    request_record.status = to
    request_record.save(update_fields=["status", "completed_on", "extended", "extension_reason"])
    SubjectAccessEvent.objects.create(request=request_record, status=to, note=note, by=by)
    record_event(
        user=by, action=Action.UPDATE, person_id=request_record.person_id, obj=request_record, detail={"status": to}, request=request
    )


@transaction.atomic
def log_subject_access_request(
    *, by: User, person: Person, requested_by: str, received_on: date, request: HttpRequest | None = None
) -> SubjectAccessRequest:
    record = SubjectAccessRequest.objects.create(person=person, requested_by=requested_by, received_on=received_on, handled_by=by)
    SubjectAccessEvent.objects.create(request=record, status=Status.RECEIVED, by=by)
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=record, request=request)
    return record


@transaction.atomic
def stop_the_clock(*, by: User, record: SubjectAccessRequest, reason: str, request: HttpRequest | None = None) -> None:
    ClockStop.objects.create(request=record, started_on=timezone.localdate(), reason=reason)
    _move(request_record=record, to=Status.CLOCK_STOPPED, by=by, note=reason, request=request)


@transaction.atomic
def restart_the_clock(*, by: User, record: SubjectAccessRequest, identity_checked: bool, request: HttpRequest | None = None) -> None:
    record.clock_stops.filter(ended_on__isnull=True).update(ended_on=timezone.localdate())
    if identity_checked and record.identity_checked_on is None:
        record.identity_checked_on = timezone.localdate()
        record.save(update_fields=["identity_checked_on"])
    _move(request_record=record, to=Status.IN_PROGRESS, by=by, note="Clock restarted", request=request)


@transaction.atomic
def extend(*, by: User, record: SubjectAccessRequest, reason: str, request: HttpRequest | None = None) -> None:
    """Extend by two further months because the request is complex or one of many."""
    if record.extended:
        raise IllegalChange("This request has already been extended. The law allows one extension of up to two months.")
    if record.status == Status.COMPLETED:
        raise IllegalChange("This request is complete.")
    record.extended = True
    record.extension_reason = reason
    record.save(update_fields=["extended", "extension_reason"])
    SubjectAccessEvent.objects.create(request=record, status=record.status, note=f"Extended: {reason}", by=by)
    record_event(user=by, action=Action.UPDATE, person_id=record.person_id, obj=record, detail={"extended": True}, request=request)


@transaction.atomic
def complete(*, by: User, record: SubjectAccessRequest, request: HttpRequest | None = None) -> None:
    record.completed_on = timezone.localdate()
    _move(request_record=record, to=Status.COMPLETED, by=by, note="Response sent", request=request)
