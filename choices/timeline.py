"""Personal budgets and the route into work on the person's timeline (one query each)."""

from __future__ import annotations

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from choices.models import BudgetStatus, BudgetStatusChange, Placement, WorkActivity
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def _at(day: object) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))  # type: ignore[arg-type]


def _budget_entries(person: Person, limit: int) -> list[TimelineEntry]:
    changes = BudgetStatusChange.objects.filter(budget__person=person).select_related("changed_by").order_by("-happened_on", "-id")[:limit]
    url = reverse("choices:budget", kwargs={"person_id": person.pk})
    return [
        TimelineEntry(
            _at(change.happened_on),
            "personal_budget",
            f"Personal budget: {BudgetStatus(change.to_status).label.lower()}",
            f"Recorded by {change.changed_by.display_name}" + (f". {change.note}" if change.note else ""),
            url,
        )
        for change in changes
    ]


def _placement_entries(person: Person, limit: int) -> list[TimelineEntry]:
    url = reverse("choices:work", kwargs={"person_id": person.pk})
    entries = []
    for placement in Placement.objects.filter(person=person).order_by("-started_on", "-id")[:limit]:
        kind = placement.get_kind_display().lower()
        hours = f", {placement.hours_per_week:g} hours a week" if placement.hours_per_week else ""
        entries.append(
            TimelineEntry(
                _at(placement.started_on),
                "work",
                f"Started {kind}: {placement.title}",
                f"{placement.get_employer_type_display()}{hours}",
                url,
            )
        )
        if placement.ended_on:
            entries.append(TimelineEntry(_at(placement.ended_on), "work", f"Ended {kind}: {placement.title}", placement.end_reason, url))
    return entries


def _activity_entries(person: Person, limit: int) -> list[TimelineEntry]:
    url = reverse("choices:work", kwargs={"person_id": person.pk})
    activities = WorkActivity.objects.filter(person=person).order_by("-happened_on", "-id")[:limit]
    return [TimelineEntry(_at(a.happened_on), "work_steps", a.get_kind_display(), a.note[:200], url) for a in activities]


SOURCES = (
    TimelineSource(
        "personal_budget", "Personal budget", _budget_entries, newest=(Newest(BudgetStatusChange, "budget__person", ("happened_on",)),)
    ),
    TimelineSource(
        "work", "Jobs, courses and volunteering", _placement_entries, newest=(Newest(Placement, "person", ("started_on", "ended_on")),)
    ),
    TimelineSource("work_steps", "Steps towards work", _activity_entries, newest=(Newest(WorkActivity, "person", ("happened_on",)),)),
)
