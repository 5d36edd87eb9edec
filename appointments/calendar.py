"""A worker's appointments as an iCalendar feed (RFC 5545), with no names: initials and a
reference only, since calendar apps copy the feed to other companies' servers."""

from __future__ import annotations

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from accounts.models import User
from appointments.models import Appointment

WEEKS_BACK, WEEKS_AHEAD = 2, 12


def initials(given_name: str, family_name: str) -> str:
    return "".join(part[:1].upper() for part in (given_name, family_name) if part) or "?"


def diary_calendar(user: User, *, base_url: str) -> bytes:
    now = timezone.now()
    rows = (
        Appointment.objects.filter(
            worker=user,
            starts_at__gte=now - datetime.timedelta(weeks=WEEKS_BACK),
            starts_at__lt=now + datetime.timedelta(weeks=WEEKS_AHEAD),
        )
        .select_related("person")
        .order_by("starts_at")[:1000]
    )
    calendar = Calendar()
    calendar.add("prodid", "-//STaR//1-to-1 appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "STaR appointments")
    for appointment in rows:
        event = Event()
        event.add("uid", f"appointment-{appointment.pk}@star")
        event.add("dtstamp", now)
        event.add("dtstart", appointment.starts_at)
        event.add("dtend", appointment.ends_at)
        who = initials(appointment.person.given_name, appointment.person.family_name)
        label = f"1-to-1: {who} (ref {appointment.pk})"
        event.add("summary", f"Cancelled: {label}" if appointment.is_cancelled else label)
        event.add("description", f"{appointment.get_mode_display()}. Open STaR for details.")
        event.add("status", "CANCELLED" if appointment.is_cancelled else "CONFIRMED")
        event.add("url", base_url)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
