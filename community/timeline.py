"""The person's timeline: drop-ins and groups they came to, and courses they enrolled on."""

from __future__ import annotations

from community.models import Attendance, Enrolment
from people.models import Person
from people.timeline import TimelineEntry


def community_entries(person: Person, limit: int) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            attendance.session.starts_at,
            "community",
            f"Came to {attendance.session.activity.name}",
            attendance.session.activity.project.name,
        )
        for attendance in Attendance.objects.filter(person=person)
        .select_related("session__activity__project")
        .order_by("-session__starts_at")[:limit]
    ]
    entries.extend(
        TimelineEntry(
            enrolment.status_changed_at,
            "community",
            f"{enrolment.activity.name}: {enrolment.get_status_display().lower()}",
            enrolment.activity.project.name,
        )
        for enrolment in Enrolment.objects.filter(person=person).select_related("activity__project").order_by("-status_changed_at")[:limit]
    )
    return entries
