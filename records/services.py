"""Changes to subject access requests: each one a history row, audited, only legal moves."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from audit.services import Action, record_event
from core.status import move
from people.models import Person
from records.models import ClockStop, FlaggedItem, SubjectAccessEvent, SubjectAccessRequest
from records.models.subject_access import IllegalChange
from records.subject_access import export_person, flags_for

if TYPE_CHECKING:
    from accounts.models import User

Status = SubjectAccessRequest.Status


@transaction.atomic
def log_subject_access_request(
    *,
    by: User,
    person: Person,
    requested_by: str,
    received_on: date,
    received_how: str = "",
    identity_checked_how: str = "",
) -> SubjectAccessRequest:
    """Logs a request: who asked, how it arrived and, if already done, how their identity was
    checked (by the user logging it). Nobody opens the record through it until a second person
    approves it (`approve_subject_access_request`)."""
    checked = bool(identity_checked_how.strip())
    record = SubjectAccessRequest(
        person=person,
        requested_by=requested_by,
        received_on=received_on,
        received_how=received_how,
        identity_checked_how=identity_checked_how.strip(),
        identity_checked_on=timezone.localdate() if checked else None,
        identity_checked_by=by if checked else None,
        handled_by=by,
    )
    move(record, Status.RECEIVED, by=by, detail={})
    return record


def record_identity_check(*, by: User, record: SubjectAccessRequest, how: str) -> None:
    if not how.strip():
        raise IllegalChange("Say how you checked who they are, for example the photo ID you saw.")
    record.identity_checked_how, record.identity_checked_on, record.identity_checked_by = how.strip()[:300], timezone.localdate(), by
    record.save(update_fields=["identity_checked_how", "identity_checked_on", "identity_checked_by"])
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=record.person_id,
        obj=record,
        detail={"identity_checked": how.strip()[:300]},
    )


def approve_subject_access_request(*, by: User, record: SubjectAccessRequest) -> None:
    """The second person: a service manager who did not log the request (nor checked the
    identity), satisfied it arrived and the identity was checked, opens it for preparation."""
    from accounts.roles import Capability, can

    if not can(by, Capability.APPROVE_SUBJECT_ACCESS):
        raise IllegalChange("Only a service manager can approve a subject access request.")
    if by.pk in {record.handled_by_id, record.identity_checked_by_id}:
        raise IllegalChange("Someone else must approve this request: you logged it or checked the identity.")
    if not record.received_how:
        raise IllegalChange("Record how the request arrived before it is approved.")
    if record.identity_checked_on is None:
        raise IllegalChange("Check the person's identity, and record how, before the request is approved.")
    if record.is_approved:
        return
    record.approved_by, record.approved_at = by, timezone.now()
    record.save(update_fields=["approved_by", "approved_at"])
    SubjectAccessEvent.objects.create(request=record, status=record.status, note="Approved: the record can now be prepared", by=by)
    record_event(user=by, action=Action.UPDATE, person_id=record.person_id, obj=record, detail={"approved": True})


def require_approval(record: SubjectAccessRequest) -> None:
    if not record.is_approved:
        raise IllegalChange(
            "A service manager who did not log this request must approve it before anyone opens the record. "
            "Record how it arrived and how their identity was checked, then ask them."
        )


@transaction.atomic
def stop_the_clock(*, by: User, record: SubjectAccessRequest, reason: str) -> None:
    ClockStop.objects.create(request=record, started_on=timezone.localdate(), reason=reason)
    move(record, Status.CLOCK_STOPPED, by=by, reason=reason, update_fields=())


@transaction.atomic
def restart_the_clock(*, by: User, record: SubjectAccessRequest, identity_checked: bool) -> None:
    record.clock_stops.filter(ended_on__isnull=True).update(ended_on=timezone.localdate())
    if identity_checked and record.identity_checked_on is None:
        record.identity_checked_on, record.identity_checked_by = timezone.localdate(), by
        record.identity_checked_how = record.identity_checked_how or "Checked when the clock was restarted"
        record.save(update_fields=["identity_checked_on", "identity_checked_by", "identity_checked_how"])
    move(record, Status.IN_PROGRESS, by=by, reason="Clock restarted", update_fields=())


@transaction.atomic
def extend(*, by: User, record: SubjectAccessRequest, months: int, reason: str, told_on: date) -> None:
    """Extend by one or two further months because the request is complex or one of many. The
    person must be told, with the reason, within the first month."""
    if record.extended:
        raise IllegalChange("This request has already been extended. The law allows one extension of up to two further months.")
    if record.status == Status.COMPLETED:
        raise IllegalChange("This request is complete.")
    if months not in (1, 2):
        raise IllegalChange("An extension is one or two further months.")
    if told_on < record.received_on or told_on > timezone.localdate():
        raise IllegalChange("The date they were told must be between the date the request was received and today.")
    if told_on > record.first_due_on():
        raise IllegalChange(
            f"They had to be told by {record.first_due_on():%d %B %Y}, within the first month. It is too late to extend this request."
        )
    record.extension_months = months
    record.extension_reason = reason
    record.extension_told_on = told_on
    record.save(update_fields=["extension_months", "extension_reason", "extension_told_on"])
    plural = "month" if months == 1 else "months"
    SubjectAccessEvent.objects.create(
        request=record, status=record.status, note=f"Extended by {months} {plural} (told them on {told_on:%d %B %Y}): {reason}", by=by
    )
    record_event(user=by, action=Action.UPDATE, person_id=record.person_id, obj=record, detail={"extended_months": months})


@transaction.atomic
def complete(*, by: User, record: SubjectAccessRequest) -> None:
    if record.released_at is None:
        raise IllegalChange("Review the third-party information and release the copy before you mark the response as sent.")
    record.completed_on = timezone.localdate()
    move(record, Status.COMPLETED, by=by, reason="Response sent", update_fields=["completed_on"])


def sync_flags(*, record: SubjectAccessRequest) -> int:
    """Flag everything in the person's records that needs a decision (idempotent). Records added
    since the review began are flagged too, so nothing new slips out unreviewed. Returns how many
    items still need a decision."""
    flags = flags_for(record.person)
    FlaggedItem.objects.bulk_create(
        [FlaggedItem(request=record, section=flag.section, object_id=flag.object_id, field=flag.field, why=flag.why) for flag in flags],
        ignore_conflicts=True,
    )
    return record.flagged_items.filter(decision="").count()


@transaction.atomic
def decide(
    *,
    by: User,
    item: FlaggedItem,
    decision: str,
    redaction_text: str = "",
    reason: str = "",
) -> FlaggedItem:
    """Record the reviewer's decision on one flagged item: disclose, redact (with the text to show
    instead) or withhold (with the reason, kept for the record)."""
    record = item.request
    if record.released_at is not None:
        raise IllegalChange("This copy has already been released.")
    if decision == FlaggedItem.Decision.REDACT and not redaction_text.strip():
        raise IllegalChange("Enter the text to show instead of the redacted information.")
    if decision == FlaggedItem.Decision.WITHHOLD and not reason.strip():
        raise IllegalChange("Enter why this is withheld.")
    item.decision = FlaggedItem.Decision(decision)
    item.redaction_text = redaction_text.strip() if decision == FlaggedItem.Decision.REDACT else ""
    item.reason = reason.strip()
    item.decided_by = by
    item.decided_at = timezone.now()
    item.save(update_fields=["decision", "redaction_text", "reason", "decided_by", "decided_at"])
    where = f"{item.section} {item.object_id} {item.field or 'whole record'}"
    note = f"{item.get_decision_display()}: {where}" + (f" ({item.reason})" if item.reason else "")
    SubjectAccessEvent.objects.create(request=record, status=record.status, note=note, by=by)
    detail: dict[str, Any] = {"flagged_item": item.pk, "decision": item.decision}
    record_event(user=by, action=Action.UPDATE, person_id=record.person_id, obj=record, detail=detail)
    return item


@transaction.atomic
def release(*, by: User, record: SubjectAccessRequest) -> dict[str, Any]:
    """Make the copy to send: every flagged item decided, each decision applied. Kept with the
    request as the record of what was disclosed."""
    if record.released_at is not None:
        raise IllegalChange("This copy has already been released.")
    pending = sync_flags(record=record)
    if pending:
        raise IllegalChange(
            f"{pending} flagged {'item needs' if pending == 1 else 'items need'} a decision before you can release the copy."
        )
    decisions = {(item.section, item.object_id, item.field): item for item in record.flagged_items.all()}
    released = export_person(record.person, decisions=decisions)
    record.released_export = released
    record.released_at = timezone.now()
    record.released_by = by
    record.save(update_fields=["released_export", "released_at", "released_by"])
    counts = {choice: sum(1 for item in decisions.values() if item.decision == choice) for choice in FlaggedItem.Decision.values}
    SubjectAccessEvent.objects.create(
        request=record,
        status=record.status,
        note=f"Copy released after review: {counts['disclose']} disclosed, {counts['redact']} redacted, {counts['withhold']} withheld",
        by=by,
    )
    record_event(user=by, action=Action.EXPORT, person_id=record.person_id, obj=record, detail={"released": counts})
    return released
