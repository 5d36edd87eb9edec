"""The person's timeline: drop-ins and groups they came to, and courses they enrolled on. Each
source is one query returning at most `limit` entries."""

from __future__ import annotations

from community.models import Attendance, Enrolment
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def attendance_entries(person: Person, limit: int) -> list[TimelineEntry]:
    return [
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


def enrolment_entries(person: Person, limit: int) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            enrolment.status_changed_at,
            "courses",
            f"{enrolment.activity.name}: {enrolment.get_status_display().lower()}",
            enrolment.activity.project.name,
        )
        for enrolment in Enrolment.objects.filter(person=person).select_related("activity__project").order_by("-status_changed_at")[:limit]
    ]


SOURCES = (
    TimelineSource("community", "Drop-ins and groups", attendance_entries, newest=(Newest(Attendance, "person", ("session__starts_at",)),)),
    TimelineSource("courses", "Courses", enrolment_entries, newest=(Newest(Enrolment, "person", ("status_changed_at",)),)),
)
