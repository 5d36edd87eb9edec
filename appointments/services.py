"""Booking, cancelling and closing appointments, and the workers' diary feeds. Every change is
audited; an appointment whose time has come becomes a contact through `enablement.services`."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from appointments.models import Appointment, DiaryFeed, feed_digest
from audit.services import Action, record_event
from enablement import services as enablement_services
from enablement.models import Contact, Episode

LONGEST_MINUTES = 8 * 60
OUTCOMES = {
    Appointment.Status.ATTENDED: Contact.Outcome.ATTENDED,
    Appointment.Status.DID_NOT_ATTEND: Contact.Outcome.DID_NOT_ATTEND,
    Appointment.Status.CANCELLED_BY_PERSON: Contact.Outcome.CANCELLED_BY_PERSON,
    Appointment.Status.CANCELLED_BY_SERVICE: Contact.Outcome.CANCELLED_BY_SERVICE,
}
CANCELLED = (Appointment.Status.CANCELLED_BY_PERSON, Appointment.Status.CANCELLED_BY_SERVICE)


class AppointmentError(ValueError):
    """A booking or change refused, with the reason in words for the form."""


class Clash(AppointmentError):
    pass


def _overlapping(rows: QuerySet[Appointment], start: datetime, end: datetime) -> Appointment | None:
    """The first booked appointment in `rows` that overlaps start–end. Appointments are at most
    LONGEST_MINUTES long, so only those starting in that window before can overlap."""
    candidates = rows.filter(
        status=Appointment.Status.BOOKED, starts_at__lt=end, starts_at__gt=start - timedelta(minutes=LONGEST_MINUTES)
    ).select_related("person", "worker")
    for other in candidates:
        if other.ends_at > start:
            return other
    return None


@transaction.atomic
def book_appointment(
    *,
    by: User,
    episode: Episode,
    starts_at: datetime,
    minutes: int,
    mode: str,
    place: str = "",
    note: str = "",
    worker: User | None = None,
) -> Appointment:
    worker = worker or episode.worker
    if not episode.is_open:
        raise AppointmentError("This 1-to-1 episode has ended: appointments can only be booked in an open episode")
    if starts_at <= timezone.now():
        raise AppointmentError("The appointment must be in the future. To record one that happened, record a contact")
    if not 15 <= minutes <= LONGEST_MINUTES:
        raise AppointmentError(f"An appointment lasts from 15 minutes to {LONGEST_MINUTES // 60} hours")
    # One booking at a time per worker, so two bookings made at the same moment cannot both pass
    # the clash check (SQLite writes one at a time anyway).
    User.objects.select_for_update().filter(pk=worker.pk).first()
    end = starts_at + timedelta(minutes=minutes)
    if (other := _overlapping(Appointment.objects.filter(worker=worker), starts_at, end)) is not None:
        raise Clash(f"{worker.display_name} already has an appointment from {_clock(other.starts_at)} to {_clock(other.ends_at)}")
    if (other := _overlapping(Appointment.objects.filter(person=episode.person), starts_at, end)) is not None:
        raise Clash(f"{episode.person.given_name} already has an appointment from {_clock(other.starts_at)} to {_clock(other.ends_at)}")
    appointment = Appointment.objects.create(
        episode=episode,
        person=episode.person,
        worker=worker,
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=place.strip(),
        note=note.strip(),
        booked_by=by,
    )
    record_event(user=by, action=Action.CREATE, person_id=episode.person_id, obj=appointment)
    return appointment


def _clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M on %-d %B")


def _locked(appointment: Appointment) -> Appointment:
    locked = Appointment.objects.select_for_update(of=("self",)).select_related("episode", "person").get(pk=appointment.pk)
    if not locked.is_booked:
        raise AppointmentError(f"This appointment is already closed: {locked.get_status_display().lower()}")
    return locked


@transaction.atomic
def record_outcome(*, by: User, appointment: Appointment, outcome: str, what_was_done: str = "") -> Appointment:
    """What happened at an appointment whose time has come: it becomes a contact in one step (the
    same row every contact figure and the did-not-attend rate count)."""
    appointment = _locked(appointment)
    status = Appointment.Status(outcome)
    if status not in OUTCOMES:
        raise AppointmentError("Choose what happened")
    if appointment.starts_at > timezone.now():
        raise AppointmentError("This appointment has not started yet. To call it off, cancel it")
    local = timezone.localtime(appointment.starts_at)
    contact = Contact(
        contact_date=local.date(),
        start_time=local.time().replace(second=0, microsecond=0),
        minutes=appointment.minutes,  # time given counts only contacts that took place
        mode=appointment.mode,
        place=appointment.place,
        what_was_done=what_was_done.strip(),
        outcome=OUTCOMES[status],
        worker=appointment.worker,
    )
    appointment.contact = enablement_services.record_contact(by=by, episode=appointment.episode, contact=contact)
    appointment.status = status
    if status in CANCELLED:
        appointment.cancelled_at, appointment.cancelled_by = timezone.now(), by
    appointment.version += 1
    appointment.save(update_fields=["contact", "status", "cancelled_at", "cancelled_by", "version"])
    record_event(user=by, action=Action.UPDATE, person_id=appointment.person_id, obj=appointment, detail={"outcome": status.value})
    return appointment


@transaction.atomic
def cancel_appointment(*, by: User, appointment: Appointment, by_person: bool, reason: str = "") -> Appointment:
    """Call off an appointment before it happens (by the person, from their portal, or by the
    service). It stays in the diary, marked cancelled, and frees the time."""
    appointment = _locked(appointment)
    if appointment.starts_at <= timezone.now():
        raise AppointmentError("This appointment has already started: record what happened instead")
    appointment.status = Appointment.Status.CANCELLED_BY_PERSON if by_person else Appointment.Status.CANCELLED_BY_SERVICE
    appointment.cancelled_at, appointment.cancelled_by = timezone.now(), by
    appointment.cancellation_reason = reason.strip()[:300]
    appointment.version += 1
    appointment.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancellation_reason", "version"])
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=appointment.person_id,
        obj=appointment,
        detail={"cancelled": appointment.status},
    )
    return appointment


@transaction.atomic
def make_diary_feed(*, by: User) -> str:
    """A new private link for the worker's calendar app; any earlier link stops working."""
    DiaryFeed.objects.filter(user=by, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    feed = DiaryFeed.objects.create(user=by, token_digest=feed_digest(token))
    record_event(user=by, action=Action.CREATE, obj=feed, detail={"diary feed": "made"})
    return token


def stop_diary_feed(*, by: User) -> int:
    stopped = DiaryFeed.objects.filter(user=by, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if stopped:
        record_event(user=by, action=Action.UPDATE, detail={"diary feed": "stopped"})
    return stopped


def feed_owner(token: str) -> User | None:
    feed = DiaryFeed.objects.filter(token_digest=feed_digest(token), revoked_at__isnull=True).select_related("user").first()
    if feed is None or not feed.user.is_active:
        return None
    DiaryFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    return feed.user
