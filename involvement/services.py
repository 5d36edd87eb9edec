"""Every change to involvement data: keyword-only, verb-first, audited, with history rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import Action, record_event
from core.status import BrokenRule, move
from involvement.deadlines import complaint_deadlines
from involvement.models import (
    ComplaintStatus,
    ComplaintStatusChange,
    Decision,
    Feedback,
    FeedbackChannel,
    FeedbackKind,
    FeedbackTheme,
    InvolvementActivity,
    InvolvementPayment,
    Participant,
)
from involvement.models.feedback import IllegalTransition

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person


class NotReadyToPublish(BrokenRule):
    """A decision needs its plain-English "you said" and "we did" before it is published."""


def record_activity(*, by: User, activity: InvolvementActivity) -> InvolvementActivity:
    now = timezone.now()
    activity.recorded_by = by
    activity.recorded_at = now
    activity.updated_at = now
    activity.save()
    record_event(user=by, action=Action.CREATE, obj=activity)
    return activity


def update_activity(*, by: User, activity: InvolvementActivity, changed: list[str]) -> InvolvementActivity:
    activity.updated_at = timezone.now()
    activity.save()
    record_event(user=by, action=Action.UPDATE, obj=activity, detail={"changed": sorted(changed)})
    return activity


def add_participant(*, by: User, activity: InvolvementActivity, person: Person) -> Participant:
    """Name a member as having taken part (idempotent: adding them twice keeps one row)."""
    participant, created = Participant.objects.get_or_create(activity=activity, person=person, defaults={"added_by": by})
    if created:
        record_event(
            user=by,
            action=Action.CREATE,
            person_id=person.pk,
            obj=participant,
            detail={"involvement_activity": activity.pk},
        )
    return participant


def remove_participant(*, by: User, participant: Participant) -> None:
    person_id, activity_id = participant.person_id, participant.activity_id
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=person_id,
        obj=participant,
        detail={"involvement_activity": activity_id, "removed": True},
    )
    participant.delete()


def record_payment(
    *,
    by: User,
    activity: InvolvementActivity,
    amount: Decimal,
    method: str,
    paid_on: date,
    person: Person | None = None,
    paid_to: str = "",
) -> InvolvementPayment:
    if person is None and not paid_to.strip():
        raise ValueError("A payment needs a named member or who it was paid to")
    payment = InvolvementPayment.objects.create(
        activity=activity, person=person, paid_to=paid_to.strip(), amount=amount, method=method, paid_on=paid_on, recorded_by=by
    )
    record_event(user=by, action=Action.CREATE, person_id=person.pk if person else None, obj=payment)
    return payment


@dataclass(frozen=True)
class Submitted:
    feedback: Feedback
    created: bool


@transaction.atomic
def feedback_sent_with(token: uuid.UUID | None) -> bool:
    """Whether a form with this submission token was already saved (a repeat, not a replay)."""
    return token is not None and Feedback.objects.filter(submission_token=token).exists()


def submit_feedback(
    *,
    kind: str,
    message: str,
    channel: str,
    theme: FeedbackTheme | None = None,
    person: Person | None = None,
    name: str = "",
    contact: str = "",
    about_personal_information: bool = False,
    submission_token: uuid.UUID | None = None,
    by: User | None = None,
    received_at: datetime | None = None,
    sent_by: User | None = None,
) -> Submitted:
    """Store feedback once. A second send of the same form (same token) returns the first record.

    The message is stored exactly as typed; templates escape it, so a script in it is shown as text.
    """
    if submission_token is not None:
        existing = Feedback.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return Submitted(existing, created=False)
    when = received_at or timezone.now()
    feedback = Feedback(
        kind=kind,
        message=message,
        channel=channel,
        theme=theme,
        person=person,
        name=name.strip(),
        contact=contact.strip(),
        about_personal_information=about_personal_information,
        submission_token=submission_token,
        entered_by=by if channel == FeedbackChannel.PAPER else None,
        received_at=when,
    )
    if kind == FeedbackKind.COMPLAINT:
        feedback.status = ComplaintStatus.RECEIVED
        feedback.acknowledge_by, feedback.respond_by = complaint_deadlines(
            received_on=timezone.localdate(when), about_personal_information=about_personal_information
        )
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:
        # Two sends raced each other: the other one won.
        return Submitted(Feedback.objects.get(submission_token=submission_token), created=False)
    if feedback.is_complaint:
        ComplaintStatusChange.objects.create(
            feedback=feedback, from_status="", to_status=ComplaintStatus.RECEIVED, changed_by=by, changed_at=when
        )
    record_event(
        user=by or sent_by,
        action=Action.CREATE,
        person_id=person.pk if person else None,
        obj=feedback,
        detail={"channel": channel, "kind": kind},
    )
    return Submitted(feedback, created=True)


@transaction.atomic
def move_complaint(*, by: User, feedback: Feedback, to_status: str, note: str = "") -> Feedback:
    """Move a complaint one legal step on, writing a history row. Anything else raises IllegalTransition."""
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not locked.is_complaint:
        raise IllegalTransition("Only complaints are tracked through statuses")
    move(locked, to_status, by=by, reason=note, update_fields=())
    feedback.refresh_from_db()
    return locked


@transaction.atomic
def log_decision(
    *,
    by: User,
    decision: Decision,
    activities: Iterable[InvolvementActivity] = (),
    feedback: Iterable[Feedback] = (),
) -> Decision:
    decision.recorded_by = by
    decision.recorded_at = timezone.now()
    decision.save()
    decision.activities.set(list(activities))
    linked_feedback = list(feedback)
    decision.feedback.set(linked_feedback)
    record_event(
        user=by,
        action=Action.CREATE,
        obj=decision,
        detail={"activities": [a.pk for a in decision.activities.all()], "feedback": [f.pk for f in linked_feedback]},
    )
    return decision


def publish_decision(*, by: User, decision: Decision) -> Decision:
    """Show the decision's "you said, we did" on the public page."""
    if not decision.you_said.strip() or not decision.we_did.strip():
        raise NotReadyToPublish("Write what people said and what we did, in plain English, before publishing")
    if decision.published_at is None:
        decision.published_at = timezone.now()
        decision.published_by = by
        decision.save(update_fields=["published_at", "published_by"])
        record_event(user=by, action=Action.UPDATE, obj=decision, detail={"published": True})
    return decision


def add_feedback_theme(*, by: User, name: str) -> FeedbackTheme:
    """Add a theme to the end of the list (or bring back a retired one with the same name)."""
    position = FeedbackTheme.objects.count()
    theme, created = FeedbackTheme.objects.get_or_create(name=name.strip(), defaults={"position": position})
    if not created and not theme.active:
        theme.active = True
        theme.save(update_fields=["active"])
    record_event(user=by, action=Action.CREATE if created else Action.UPDATE, obj=theme, detail={"name": theme.name})
    return theme


def set_feedback_theme_active(*, by: User, theme: FeedbackTheme, active: bool) -> FeedbackTheme:
    """Retire a theme (it stays on past feedback, but is no longer offered) or bring it back."""
    if theme.active != active:
        theme.active = active
        theme.save(update_fields=["active"])
        record_event(user=by, action=Action.UPDATE, obj=theme, detail={"active": active})
    return theme


@transaction.atomic
def update_decision(
    *,
    by: User,
    decision: Decision,
    changed: list[str],
    activities: Iterable[InvolvementActivity],
    feedback: Iterable[Feedback],
) -> Decision:
    """Change a logged decision. Published text changes show on the public page straight away."""
    decision.save()
    decision.activities.set(list(activities))
    decision.feedback.set(list(feedback))
    record_event(user=by, action=Action.UPDATE, obj=decision, detail={"changed": sorted(changed)})
    return decision
