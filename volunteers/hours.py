"""Volunteers' hours: confirmed from a rota slot once the session has happened, or added by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from audit.services import Action
from volunteers.models import (
    HoursEntry,
    RotaSlot,
    Volunteer,
)
from volunteers.models.volunteer import VolunteerError

if TYPE_CHECKING:
    from accounts.models import User


from volunteers.auditing import audit_volunteer


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
        audit_volunteer(by=by, action=Action.CREATE, volunteer=slot.volunteer, obj=entry)
    return entry


def add_hours(*, volunteer: Volunteer, by: User, worked_on: date, minutes: int, description: str) -> HoursEntry:
    if minutes <= 0:
        raise VolunteerError("Enter how long you worked, more than 0 minutes")
    with transaction.atomic():
        entry = HoursEntry.objects.create(
            volunteer=volunteer, worked_on=worked_on, minutes=minutes, description=description, confirmed_by=by
        )
        audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer, obj=entry)
    return entry
