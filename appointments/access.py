"""The gates for appointments: reachable exactly when the person's record is
(`people.access.people_visible_to`), for staff who record 1-to-1 work; a member reaches their own."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from appointments.models import Appointment
from audit.services import Action, record_event, record_events_for_people
from people.access import own_record, people_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def appointments_visible_to(user: Viewer) -> QuerySet[Appointment]:
    if not can(user, Capability.RECORD_ENABLEMENT_WORK):
        return Appointment.objects.none()
    return Appointment.objects.filter(person__in=people_visible_to(user))


def get_appointment_for(request: HttpRequest, appointment_id: int, *, audit: bool = True) -> Appointment:
    appointment = (
        appointments_visible_to(request.user).select_related("person", "worker", "episode", "contact").filter(pk=appointment_id).first()
    )
    if appointment is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=appointment.person_id, obj=appointment)
    return appointment


def diary(request: HttpRequest, *, start: datetime, end: datetime, worker: User | None) -> list[Appointment]:
    """Appointments from `start` to `end`, for one worker or (with SEE_TEAM_DIARY) the team. Start
    from the worker's own index (worker, starts_at); the gate still applies, and every person
    listed is audited in one insert."""
    user = request.user
    rows = appointments_visible_to(user).filter(starts_at__gte=start, starts_at__lt=end)
    if worker is not None:
        rows = rows.filter(worker=worker)
    elif not can(user, Capability.SEE_TEAM_DIARY):
        rows = rows.filter(worker_id=user.pk)
    listed = list(rows.select_related("person", "worker", "episode").order_by("starts_at", "id")[:500])
    record_events_for_people(user=user, action=Action.VIEW, person_ids=[a.person_id for a in listed], detail={"list": "diary"})
    return listed


def own_appointments(request: HttpRequest, *, upcoming_from: datetime) -> list[Appointment]:
    """A member's own booked appointments from now on (the portal)."""
    person = own_record(request.user)
    if person is None:
        return []
    listed = list(
        Appointment.objects.filter(person=person, starts_at__gte=upcoming_from).select_related("worker").order_by("starts_at", "id")[:20]
    )
    if listed:
        record_event(user=request.user, action=Action.VIEW, person_id=person.pk, detail={"list": "own appointments"})
    return listed


def get_own_appointment(request: HttpRequest, appointment_id: int) -> Appointment:
    person = own_record(request.user)
    appointment = (
        Appointment.objects.filter(person=person, pk=appointment_id).select_related("worker").first() if person is not None else None
    )
    if appointment is None:
        raise Http404
    return appointment
