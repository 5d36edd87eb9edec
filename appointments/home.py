"""Appointments on the home pages: the worker's today and those waiting to be closed, and a
member's next ones. Two queries for a worker, one for a member, whatever the history."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from appointments.access import appointments_visible_to
from appointments.models import Appointment
from audit.services import Action, record_events_for_people
from people.models import Person


def worker_today(request: HttpRequest, *, today: datetime.date) -> dict[str, Any]:
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    mine = appointments_visible_to(request.user).filter(worker_id=request.user.pk)
    todays = list(mine.filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1)).select_related("person")[:30])
    # Booked, and their time has come: the worker says what happened (it becomes a contact).
    to_close = mine.filter(status=Appointment.Status.BOOKED, starts_at__lte=timezone.now()).count()
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[a.person_id for a in todays],
        detail={"list": "today's appointments"},
    )
    return {"appointments_today": todays, "appointments_to_close": to_close}


def members_next(person: Person, *, limit: int = 2) -> list[Appointment]:
    """The member's own next booked appointments (the caller has their own record)."""
    return list(
        Appointment.objects.filter(person=person, status=Appointment.Status.BOOKED, starts_at__gte=timezone.now())
        .select_related("worker")
        .order_by("starts_at")[:limit]
    )
