"""Every important change to a volunteer's record. Keyword-only, verb-first; each writes the
audit trail, and stage changes write an immutable history row."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.teams import service_for_new_record
from audit.services import Action
from core.status import move
from volunteers.models import (
    DBSCheck,
    Progression,
    Reference,
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
    from accounts.models import User
    from people.models import Person


from volunteers.auditing import audit_volunteer


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
    audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer)
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
    audit_volunteer(by=by, action=Action.UPDATE, volunteer=volunteer, detail={"linked_to_person": str(person.pk)})
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
        audit_volunteer(by=by, action=Action.UPDATE, volunteer=volunteer, detail={"interview": str(interviewed_on)})
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
        audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer, obj=reference)
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
        audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer, obj=check)
    return check


def record_training(*, volunteer: Volunteer, by: User, module: TrainingModule, completed_on: date) -> TrainingCompletion:
    expires_on = completed_on + relativedelta(months=module.valid_for_months) if module.valid_for_months else None
    with transaction.atomic():
        completion = TrainingCompletion.objects.create(
            volunteer=volunteer, module=module, completed_on=completed_on, expires_on=expires_on, recorded_by=by
        )
        audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer, obj=completion)
    return completion


def record_supervision(*, volunteer: Volunteer, by: User, held_on: date, actions: str) -> Supervision:
    with transaction.atomic():
        supervision = Supervision.objects.create(volunteer=volunteer, held_on=held_on, supervisor=by, actions=actions)
        audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer, obj=supervision)
    return supervision


def check_in_wellbeing(*, volunteer: Volunteer, by: User, feeling: str, note: str, wants_a_chat: bool) -> WellbeingCheckIn:
    with transaction.atomic():
        check_in = WellbeingCheckIn.objects.create(volunteer=volunteer, feeling=feeling, note=note, wants_a_chat=wants_a_chat)
        audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer, obj=check_in)
    return check_in
