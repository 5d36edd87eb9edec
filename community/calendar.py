"""iCalendar feeds of sessions (RFC 5545), with no personal data."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from community.models import Session


def calendar_for(sessions: Iterable[Session], *, name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//STaR//Community projects//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        activity = session.activity
        event = Event()
        event.add("uid", f"session-{session.pk}@star")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        summary = activity.name if not session.is_cancelled else f"Cancelled: {activity.name}"
        event.add("summary", summary)
        description = session.cancellation_reason if session.is_cancelled else activity.how_to_join
        event.add("description", description)
        event.add("location", ", ".join([activity.venue.name, *activity.venue.address_lines]))
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        event.add("url", f"{base_url}")
        calendar.add_component(event)
    return calendar.to_ical()
