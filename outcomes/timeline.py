"""Completed measures on a person's timeline."""

from __future__ import annotations

from outcomes.models import Measurement
from outcomes.presenters import format_score
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def _measurement_entries(person: Person, limit: int) -> list[TimelineEntry]:
    entries = []
    for m in (
        Measurement.objects.filter(person=person, status=Measurement.Status.COMPLETE)
        .select_related("instrument")
        .order_by("-completed_at")[:limit]
    ):
        detail = f"{m.instrument.score_label}: {format_score(m.score)}" if m.score is not None else ""
        if m.band:
            detail += f" ({m.band})"
        entries.append(TimelineEntry(m.completed_at or m.created_at, "outcomes", f"{m.instrument.short_name} completed", detail))
    return entries


SOURCES = (
    TimelineSource(
        "outcomes", "Outcome measures", _measurement_entries, newest=(Newest(Measurement, "person", ("completed_at", "created_at")),)
    ),
)
