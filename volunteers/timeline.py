"""The volunteering journey on the person's timeline: each change of stage, in one query."""

from __future__ import annotations

from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource
from volunteers.models import Stage, StageChange


def volunteering_entries(person: Person, limit: int) -> list[TimelineEntry]:
    changes = StageChange.objects.filter(volunteer__person=person).order_by("-changed_at", "-pk")[:limit]
    return [
        TimelineEntry(occurred_at=change.changed_at, kind="volunteering", title=f"Volunteering: {Stage(change.to_stage).label.lower()}")
        for change in changes
    ]


SOURCES = (
    TimelineSource(
        "volunteering",
        "Volunteering",
        volunteering_entries,
        shown_to_member=True,
        newest=(Newest(StageChange, "volunteer__person", ("changed_at",)),),
    ),
)
