"""Appointments on the person's timeline: booked and cancelled ones (those that happened are
contacts already). One query, at most `limit` entries."""

from __future__ import annotations

from django.utils import timezone

from appointments.models import Appointment
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def appointment_entries(person: Person, limit: int) -> list[TimelineEntry]:
    rows = Appointment.objects.filter(person=person, contact__isnull=True).select_related("worker").order_by("-starts_at", "-id")[:limit]
    entries = []
    for appointment in rows:
        when = timezone.localtime(appointment.starts_at)
        state = "booked" if appointment.is_booked else appointment.get_status_display().lower()
        entries.append(
            TimelineEntry(
                min(appointment.booked_at, timezone.now())
                if appointment.is_booked
                else (appointment.cancelled_at or appointment.booked_at),
                "appointments",
                f"Appointment with {appointment.worker.display_name} {state}",
                f"{appointment.get_mode_display()}, {when:%H:%M} on {when:%-d %B %Y}",
            )
        )
    return entries


SOURCES = (
    TimelineSource(
        "appointments",
        "Appointments",
        appointment_entries,
        shown_to_member=True,
        newest=(Newest(Appointment, "person", ("booked_at", "cancelled_at")),),
    ),
)
