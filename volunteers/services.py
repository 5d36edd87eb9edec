"""Every important change to a volunteer's record. Keyword-only, verb-first; each writes the
audit trail, and stage changes write an immutable history row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.teams import service_for_new_record
from audit.services import Action, record_event
from community.models import Project, SessionRoster
from community.models.sessions import RosterRole
from core.status import move
from notifications.models import Status as MessageStatus
from notifications.services import send
from volunteers.expiry import record_expired_checks as record_expired_checks
from volunteers.models import (
    ClaimStatus,
    DBSCheck,
    ExpenseClaim,
    ExpenseKind,
    HoursEntry,
    Progression,
    Reference,
    RotaSlot,
    Source,
    Stage,
    StageChange,
    Supervision,
    TrainingCompletion,
    TrainingModule,
    Volunteer,
    WellbeingCheckIn,
)
from volunteers.models.volunteer import VolunteerError

if TYPE_CHECKING:
    from django.db.models import Model

    from accounts.models import User
    from people.models import Person


def _audit(
    *,
    by: User | None,
    action: str,
    volunteer: Volunteer,
    obj: Model | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    record_event(user=by, action=action, person_id=volunteer.person_id, obj=obj or volunteer, detail=detail)


@transaction.atomic
def interest_sent_with(token: uuid.UUID | None) -> bool:
    """Whether a form with this submission token was already saved (a repeat, not a replay)."""
    return token is not None and Volunteer.objects.filter(submission_token=token).exists()


def express_interest(
    *,
    by: User | None,
    source: str,
    given_name: str,
    family_name: str,
    email: str = "",
    phone: str = "",
    person: Person | None = None,
    roles_of_interest: list[str] | None = None,
    availability: str = "",
    lived_experience: str = "",
    support_needs: str = "",
    submission_token: uuid.UUID | None = None,
) -> Volunteer:
    """Start someone's journey. Idempotent: the same form sent twice, or a person who already
    offered, gives back the same record."""
    if submission_token is not None:
        existing = Volunteer.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    if person is not None:
        existing = Volunteer.objects.filter(person=person).first()
        if existing is not None:
            return existing
    applied = bool(availability or roles_of_interest)
    volunteer = Volunteer.objects.create(
        service_id=person.service_id if person is not None and person.service_id else service_for_new_record(by),
        person=person,
        user=person.user if person is not None and person.user_id else None,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        email=email,
        phone=phone,
        source=source,
        submission_token=submission_token,
        roles_of_interest=roles_of_interest or [],
        availability=availability,
        lived_experience=lived_experience,
        support_needs=support_needs,
    )
    StageChange.objects.create(
        volunteer=volunteer, from_stage="", to_stage=Stage.EXPRESSED_INTEREST, changed_by=by, reason=Source(source).label
    )
    if applied and source == Source.PUBLIC:
        volunteer.stage = Stage.APPLIED
        volunteer.save(update_fields=["stage"])
        StageChange.objects.create(volunteer=volunteer, from_stage=Stage.EXPRESSED_INTEREST, to_stage=Stage.APPLIED, changed_by=by)
    _audit(by=by, action=Action.CREATE, volunteer=volunteer)
    return volunteer


@transaction.atomic
def link_to_person(*, volunteer: Volunteer, person: Person, by: User) -> Volunteer:
    """Join an offer made without a record (the public form) to the person's existing record,
    so their journey is one history. Their account comes too, if they have one."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.person_id is not None:
        raise VolunteerError("This volunteer is already linked to a person's record")
    if Volunteer.objects.filter(person=person).exists():
        raise VolunteerError("That person already has a volunteer record. Check you have the right person")
    volunteer.person = person
    fields = ["person", "updated_at"]
    if volunteer.user_id is None and person.user_id is not None and not Volunteer.objects.filter(user_id=person.user_id).exists():
        volunteer.user_id = person.user_id
        fields.append("user")
    volunteer.updated_at = timezone.now()
    volunteer.save(update_fields=fields)
    _audit(by=by, action=Action.UPDATE, volunteer=volunteer, detail={"linked_to_person": str(person.pk)})
    return volunteer


@transaction.atomic
def change_stage(*, volunteer: Volunteer, to_stage: str, by: User, reason: str = "", progression: str = "") -> Volunteer:
    """Move a volunteer to a new stage, if the move is allowed. A decision needs a reason."""
    given = volunteer
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    from_stage = Volunteer.status_machine.check(volunteer, to_stage)
    if to_stage in (Stage.APPROVED, Stage.DECLINED) and not reason.strip():
        raise VolunteerError("Enter the reason for the decision")
    if to_stage == Stage.ACTIVE and volunteer.user_id is None:
        raise VolunteerError("Give the volunteer a volunteer account before making them active")
    fields = ["stage", "updated_at"]
    if to_stage in (Stage.APPROVED, Stage.DECLINED):
        volunteer.decision_reason = reason
        fields.append("decision_reason")
    if to_stage == Stage.LEFT:
        volunteer.progression = progression or Progression.NONE
        fields.append("progression")
    volunteer.updated_at = timezone.now()
    move(volunteer, to_stage, by=by, reason=reason, update_fields=fields, detail={"stage": [from_stage, to_stage]})
    for name in fields:  # the caller's copy shows the new stage too
        setattr(given, name, getattr(volunteer, name))
    return volunteer


def record_interview(*, volunteer: Volunteer, by: User, interviewed_on: date, notes: str) -> Volunteer:
    with transaction.atomic():
        volunteer.interviewed_on = interviewed_on
        volunteer.interview_notes = notes
        volunteer.updated_at = timezone.now()
        volunteer.save(update_fields=["interviewed_on", "interview_notes", "updated_at"])
        _audit(by=by, action=Action.UPDATE, volunteer=volunteer, detail={"interview": str(interviewed_on)})
        if Volunteer.objects.filter(pk=volunteer.pk, stage=Stage.REFERENCES).exists():
            volunteer = change_stage(volunteer=volunteer, to_stage=Stage.INTERVIEWED, by=by)
    return volunteer


def record_reference(
    *,
    volunteer: Volunteer,
    by: User,
    referee_name: str,
    relationship: str,
    requested_on: date,
    received_on: date | None,
    satisfactory: bool | None,
) -> Reference:
    if volunteer.references.count() >= 2:
        raise VolunteerError("This volunteer already has two references")
    if received_on is not None and received_on < requested_on:
        raise VolunteerError("The date received must be on or after the date requested")
    with transaction.atomic():
        reference = Reference.objects.create(
            volunteer=volunteer,
            referee_name=referee_name,
            relationship=relationship,
            requested_on=requested_on,
            received_on=received_on,
            satisfactory=satisfactory,
            recorded_by=by,
        )
        _audit(by=by, action=Action.CREATE, volunteer=volunteer, obj=reference)
        if Volunteer.objects.filter(pk=volunteer.pk, stage=Stage.APPLIED).exists():
            change_stage(volunteer=volunteer, to_stage=Stage.REFERENCES, by=by, reason="References requested")
    return reference


def record_dbs_check(
    *,
    volunteer: Volunteer,
    by: User,
    level: str,
    certificate_number: str,
    issued_on: date,
    update_service: bool,
    renewal_due_on: date,
) -> DBSCheck:
    if renewal_due_on <= issued_on:
        raise VolunteerError("The renewal date must be after the date of issue")
    with transaction.atomic():
        check = DBSCheck.objects.create(
            volunteer=volunteer,
            level=level,
            certificate_number=certificate_number,
            issued_on=issued_on,
            update_service=update_service,
            renewal_due_on=renewal_due_on,
            recorded_by=by,
        )
        _audit(by=by, action=Action.CREATE, volunteer=volunteer, obj=check)
    return check


def record_training(*, volunteer: Volunteer, by: User, module: TrainingModule, completed_on: date) -> TrainingCompletion:
    expires_on = completed_on + relativedelta(months=module.valid_for_months) if module.valid_for_months else None
    with transaction.atomic():
        completion = TrainingCompletion.objects.create(
            volunteer=volunteer, module=module, completed_on=completed_on, expires_on=expires_on, recorded_by=by
        )
        _audit(by=by, action=Action.CREATE, volunteer=volunteer, obj=completion)
    return completion


def record_supervision(*, volunteer: Volunteer, by: User, held_on: date, actions: str) -> Supervision:
    with transaction.atomic():
        supervision = Supervision.objects.create(volunteer=volunteer, held_on=held_on, supervisor=by, actions=actions)
        _audit(by=by, action=Action.CREATE, volunteer=volunteer, obj=supervision)
    return supervision


def check_in_wellbeing(*, volunteer: Volunteer, by: User, feeling: str, note: str, wants_a_chat: bool) -> WellbeingCheckIn:
    with transaction.atomic():
        check_in = WellbeingCheckIn.objects.create(volunteer=volunteer, feeling=feeling, note=note, wants_a_chat=wants_a_chat)
        _audit(by=by, action=Action.CREATE, volunteer=volunteer, obj=check_in)
    return check_in


# Rota -------------------------------------------------------------------------------------


def required_modules(role: str) -> list[TrainingModule]:
    """The modules a slot role needs. The catalogue is a short list, read in one query."""
    return [module for module in TrainingModule.objects.filter(retired_at__isnull=True) if role in module.required_for]


def missing_training(volunteer: Volunteer, role: str, on: date) -> list[TrainingModule]:
    needed = required_modules(role)
    if not needed:
        return []
    done = set(
        TrainingCompletion.objects.filter(volunteer=volunteer, module__in=needed, completed_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .values_list("module_id", flat=True)
    )
    return [module for module in needed if module.pk not in done]


def has_valid_dbs(volunteer: Volunteer, on: date) -> bool:
    return DBSCheck.objects.filter(volunteer=volunteer, issued_on__lte=on, renewal_due_on__gte=on).exists()


def rostering_problems(*, volunteer: Volunteer, slot: RotaSlot) -> list[str]:
    """Why this volunteer cannot take this slot, in words they can act on. Empty if they can."""
    session = slot.session
    on = timezone.localtime(session.starts_at).date()
    problems: list[str] = []
    if volunteer.stage == Stage.STEPPED_BACK:
        problems.append(f"{volunteer.given_name} has stepped back for a break, so cannot be put on the rota")
    elif volunteer.stage != Stage.ACTIVE:
        problems.append(f"{volunteer.given_name} is not an active volunteer yet")
    if slot.needs_dbs and not has_valid_dbs(volunteer, on):
        problems.append("This slot needs a DBS check that is in date on the day. Ask the volunteer manager to record a new check")
    missing = missing_training(volunteer, slot.role, on)
    if missing:
        names = ", ".join(module.name for module in missing)
        problems.append(f"This slot needs training that is not done or has run out: {names}")
    clash = (
        RotaSlot.objects.filter(volunteer=volunteer, session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at)
        .exclude(pk=slot.pk)
        .select_related("session__activity")
        .first()
    )
    if clash is not None:
        starts = timezone.localtime(clash.session.starts_at)
        problems.append(f"This clashes with another slot you hold: {clash.session.activity.name} at {starts:%H:%M} on {starts:%d %B}")
    return problems


@transaction.atomic
def take_slot(*, slot: RotaSlot, volunteer: Volunteer, by: User) -> RotaSlot:
    """Put a volunteer on a slot, and on the session's roster so they can take its register."""
    slot = RotaSlot.objects.select_for_update().select_related("session__activity").get(pk=slot.pk)
    if slot.volunteer_id == volunteer.pk:
        return slot  # a second tap changes nothing
    if slot.volunteer_id is not None:
        raise VolunteerError("Someone else has just taken this slot. Choose another")
    problems = rostering_problems(volunteer=volunteer, slot=slot)
    if problems:
        raise VolunteerError(". ".join(problems))
    if volunteer.user_id is None:
        raise VolunteerError("This volunteer has no account yet, so cannot take a register")
    roster, _ = SessionRoster.objects.get_or_create(
        session=slot.session,
        user_id=volunteer.user_id,
        defaults={"role": RosterRole.LEAD if slot.role == "lead" else RosterRole.VOLUNTEER, "added_by": by},
    )
    slot.volunteer = volunteer
    slot.roster = roster
    slot.filled_by = by
    slot.filled_at = timezone.now()
    try:
        with transaction.atomic():
            slot.save(update_fields=["volunteer", "roster", "filled_by", "filled_at"])
    except IntegrityError as error:
        raise VolunteerError("You already hold a slot on this session") from error
    _audit(by=by, action=Action.UPDATE, volunteer=volunteer, obj=slot, detail={"rota": "took slot"})
    return slot


def projects_for_edit(volunteer: Volunteer) -> dict[str, object]:
    """The volunteer's projects as saved now, with the volunteer's row locked until the end of the
    transaction (the projects form checks them for someone else's change: `submissions.conflicts`)."""
    Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
    return {"projects": list(volunteer.projects.all())}


def set_projects(*, volunteer: Volunteer, projects: list[Project], by: User) -> None:
    """The projects whose rota the volunteer sees and can be put on."""
    with transaction.atomic():
        volunteer.projects.set(projects)
        _audit(
            by=by,
            action=Action.UPDATE,
            volunteer=volunteer,
            detail={"projects": [str(project.pk) for project in projects]},
        )


def create_slot(*, session_id: int, role: str, needs_dbs: bool, by: User) -> RotaSlot:
    return RotaSlot.objects.create(session_id=session_id, role=role, needs_dbs=needs_dbs)


# Hours ------------------------------------------------------------------------------------


def _minutes(start: datetime, end: datetime) -> int:
    return max(1, int((end - start).total_seconds() // 60))


@transaction.atomic
def log_hours_for_slot(*, slot: RotaSlot, by: User) -> HoursEntry:
    """Hours from a session that has happened. Idempotent: one entry per slot."""
    if slot.volunteer is None:
        raise VolunteerError("Nobody holds this slot")
    session = slot.session
    if session.starts_at > timezone.now():
        raise VolunteerError("You can confirm hours once the session has started")
    if session.cancelled_at is not None:
        raise VolunteerError("This session was cancelled, so there are no hours to confirm")
    entry, created = HoursEntry.objects.get_or_create(
        slot=slot,
        defaults={
            "volunteer": slot.volunteer,
            "project_id": session.activity.project_id,
            "worked_on": timezone.localtime(session.starts_at).date(),
            "minutes": _minutes(session.starts_at, session.ends_at),
            "description": session.activity.name,
            "confirmed_by": by,
        },
    )
    if created:
        _audit(by=by, action=Action.CREATE, volunteer=slot.volunteer, obj=entry)
    return entry


def add_hours(*, volunteer: Volunteer, by: User, worked_on: date, minutes: int, description: str) -> HoursEntry:
    if minutes <= 0:
        raise VolunteerError("Enter how long you worked, more than 0 minutes")
    with transaction.atomic():
        entry = HoursEntry.objects.create(
            volunteer=volunteer, worked_on=worked_on, minutes=minutes, description=description, confirmed_by=by
        )
        _audit(by=by, action=Action.CREATE, volunteer=volunteer, obj=entry)
    return entry


# Expenses ---------------------------------------------------------------------------------


def mileage_pence(miles: Decimal) -> int:
    return int((miles * settings.STAR_MILEAGE_PENCE_PER_MILE).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ClaimRequest:
    kind: str
    incurred_on: date
    description: str
    miles: Decimal | None
    amount_pence: int | None
    receipt: UploadedFile[bytes] | None
    receipt_content_type: str
    submission_token: uuid.UUID


def claim_amount(claim: ClaimRequest) -> int:
    if claim.kind == ExpenseKind.TRAVEL:
        if claim.miles is None:
            raise VolunteerError("Enter how many miles you drove")
        if claim.miles < 0:
            raise VolunteerError("Miles cannot be less than 0")
        return mileage_pence(claim.miles)
    if claim.amount_pence is None:
        raise VolunteerError("Enter how much you spent")
    if claim.amount_pence < 0:
        raise VolunteerError("The amount cannot be less than £0")
    return claim.amount_pence


@transaction.atomic
def submit_expense(*, volunteer: Volunteer, by: User, claim: ClaimRequest) -> ExpenseClaim:
    """A claim waiting for a manager. Idempotent by its form token."""
    existing = ExpenseClaim.objects.filter(submission_token=claim.submission_token, volunteer=volunteer).first()
    if existing is not None:
        return existing
    amount = claim_amount(claim)
    if claim.receipt is None and claim.kind != ExpenseKind.TRAVEL and amount > settings.STAR_RECEIPT_REQUIRED_ABOVE_PENCE:
        limit = settings.STAR_RECEIPT_REQUIRED_ABOVE_PENCE
        raise VolunteerError(f"Add a photo or PDF of the receipt: claims over £{limit // 100}.{limit % 100:02d} need one")
    expense = ExpenseClaim(
        volunteer=volunteer,
        kind=claim.kind,
        incurred_on=claim.incurred_on,
        description=claim.description,
        miles=claim.miles if claim.kind == ExpenseKind.TRAVEL else None,
        amount_pence=amount,
        receipt_content_type=claim.receipt_content_type if claim.receipt else "",
        submission_token=claim.submission_token,
        submitted_by=by,
    )
    if claim.receipt is not None:
        extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(claim.receipt_content_type, "bin")
        expense.receipt.save(f"{uuid.uuid4().hex}.{extension}", claim.receipt, save=False)
    try:
        with transaction.atomic():
            expense.save()
    except IntegrityError:
        # The same form sent again at the same moment: the unique token let the other copy win.
        if expense.receipt:
            expense.receipt.delete(save=False)
        existing = ExpenseClaim.objects.filter(submission_token=claim.submission_token, volunteer=volunteer).first()
        if existing is None:
            raise
        return existing
    _audit(by=by, action=Action.CREATE, volunteer=volunteer, obj=expense)
    return expense


@transaction.atomic
def decide_expense(*, claim: ExpenseClaim, by: User, approve: bool, reason: str) -> ExpenseClaim:
    claim = ExpenseClaim.objects.select_for_update().select_related("volunteer").get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:
        raise VolunteerError("This claim has already been decided")
    if not approve and not reason.strip():
        raise VolunteerError("Enter the reason the claim is not approved")
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.decision_reason = reason
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    _audit(by=by, action=Action.UPDATE, volunteer=claim.volunteer, obj=claim, detail={"status": claim.status})
    return claim


# Reminders --------------------------------------------------------------------------------


def send_shift_reminders(*, now: datetime | None = None) -> int:
    """Remind each volunteer of tomorrow's slots, once per slot (safe to run again): by the way
    they chose if they have a person record, otherwise by email to them or their account."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    slots = RotaSlot.objects.filter(
        volunteer__isnull=False,
        reminded_at__isnull=True,
        session__starts_at__date=tomorrow,
        session__cancelled_at__isnull=True,
    ).select_related("volunteer__user", "volunteer__person", "session__activity__venue")
    sent = 0
    for slot in slots:
        volunteer = slot.volunteer
        assert volunteer is not None
        address = volunteer.email or (volunteer.user.email if volunteer.user else "")
        claimed = RotaSlot.objects.filter(pk=slot.pk, reminded_at__isnull=True).update(reminded_at=now)
        if not claimed or not (address or volunteer.person):
            continue
        starts = timezone.localtime(slot.session.starts_at)
        to: dict[str, Any] = {"to_person": volunteer.person} if volunteer.person else {"to_email": address}
        message = send(
            by=None,
            **to,
            template="shift_reminder",
            personalisation={
                "name": volunteer.given_name,
                "date": f"{starts:%A %d %B}",
                "activity": slot.session.activity.name,
                "venue": slot.session.activity.venue.name,
                "time": f"{starts:%H:%M}",
                "role": slot.get_role_display(),
            },
            reason="Reminder of tomorrow's volunteering",
            reference=f"shift-reminder:{slot.pk}",
        )
        sent += message.status != MessageStatus.NOT_SENT
    return sent
