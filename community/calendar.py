"""iCalendar feeds of sessions (RFC 5545), with no personal data."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from community.models import Session


def one_line(text: str) -> str:
    """Text for a property that must stay on one line (an X- property is not escaped): line
    breaks and other control characters become spaces, so no name can break or inject lines."""
    return " ".join("".join(" " if unicodedata.category(char) == "Cc" else char for char in text).split())


def calendar_for(sessions: Iterable[Session], *, name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//STaR//Community projects//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", one_line(name))
    for session in sessions:
        activity = session.activity
        event = Event()
        event.add("uid", f"session-{session.pk}@star")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        summary = one_line(activity.name if not session.is_cancelled else f"Cancelled: {activity.name}")
        event.add("summary", summary)
        description = session.cancellation_reason if session.is_cancelled else activity.how_to_join
        event.add("description", description)
        event.add("location", ", ".join([activity.venue.name, *activity.venue.address_lines]))
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        event.add("url", f"{base_url}")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
