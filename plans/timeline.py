"""Plan versions and goal progress on the person's timeline (one query each)."""

from __future__ import annotations

from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource
from plans.models import GoalProgress, PlanVersion


def _version_entries(person: Person, limit: int) -> list[TimelineEntry]:
    versions = PlanVersion.objects.filter(document__person=person).select_related("document", "saved_by").order_by("-saved_at")[:limit]
    return [
        TimelineEntry(
            version.saved_at,
            "plans",
            f"{version.document.heading}: version {version.number} saved",
            f"By {version.saved_by.display_name}",
        )
        for version in versions
    ]


def _progress_entries(person: Person, limit: int) -> list[TimelineEntry]:
    entries = GoalProgress.objects.filter(goal__person=person).select_related("goal").order_by("-recorded_at")[:limit]
    return [
        TimelineEntry(entry.recorded_at, "goal_progress", f"Progress on “{entry.goal.heading}”: {entry.rating} out of 10", entry.note)
        for entry in entries
    ]


SOURCES = (
    TimelineSource("plans", "Plans", _version_entries, newest=(Newest(PlanVersion, "document__person", ("saved_at",)),)),
    TimelineSource("goal_progress", "Goal progress", _progress_entries, newest=(Newest(GoalProgress, "goal__person", ("recorded_at",)),)),
)
