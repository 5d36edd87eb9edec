"""Involvement on a person's page: activities they took part in (staff only) and feedback they
sent (shown to the member too, because it is their own). One query per source, at most `limit`."""

from __future__ import annotations

from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def participation_entries(person: Person, limit: int) -> list[TimelineEntry]:
    from involvement.models import Participant

    rows = Participant.objects.filter(person=person).select_related("activity").order_by("-activity__held_on", "-id")[:limit]
    return [
        TimelineEntry(row.added_at, "involvement", f"Took part: {row.activity.get_activity_type_display()}", row.activity.title)
        for row in rows
    ]


def feedback_entries(person: Person, limit: int) -> list[TimelineEntry]:
    from involvement.models import Feedback

    rows = Feedback.objects.filter(person=person).order_by("-received_at", "-id")[:limit]
    entries = []
    for row in rows:
        status = f" ({row.get_status_display().lower()})" if row.is_complaint else ""
        entries.append(TimelineEntry(row.received_at, "feedback", f"{row.get_kind_display()} sent{status}", f"Reference {row.reference}"))
    return entries


SOURCES = (
    TimelineSource(
        "involvement", "Involvement", participation_entries, newest=(Newest("involvement.Participant", "person", ("added_at",)),)
    ),
    TimelineSource(
        "feedback",
        "Feedback",
        feedback_entries,
        shown_to_member=True,
        newest=(Newest("involvement.Feedback", "person", ("received_at",)),),
    ),
)
