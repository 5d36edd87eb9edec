"""Volunteering figures, worked out in the database. Small numbers are hidden from
commissioners so nobody can be picked out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Sum

from community.models import Attendance
from core import disclosure
from core.money import pounds
from enablement.models import Episode
from referrals.models import Referral
from volunteers.models import HoursEntry, Progression, Stage, Volunteer
from volunteers.presenters import hours_text


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def _shown(count: int, suppress: bool) -> str:
    return disclosure.show(disclosure.suppress_value(count)) if suppress else str(count)


def by_stage(*, suppress: bool) -> list[Row]:
    counts = dict(Volunteer.objects.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return [Row(label, _shown(counts.get(value, 0), suppress)) for value, label in Stage.choices]


def hours_by_project(*, start: date, end: date, suppress: bool) -> tuple[list[Row], str, str]:
    entries = HoursEntry.objects.filter(worked_on__gte=start, worked_on__lte=end)
    rows = list(
        entries.values("project__name").annotate(minutes=Sum("minutes"), people=Count("volunteer", distinct=True)).order_by("project__name")
    )
    total = entries.aggregate(minutes=Sum("minutes"))["minutes"] or 0
    value = total * settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE // 60
    hidden: set[int | str] = set()
    if suppress:
        # A project's hours are hidden when fewer than the threshold gave them; the total and the
        # other projects' hours must then not give them back by subtraction (core.disclosure).
        minutes: dict[int | str, int] = {index: row["minutes"] for index, row in enumerate(rows)}
        minutes["total"] = total
        few = {index for index, row in enumerate(rows) if 0 < row["people"] < disclosure.threshold()}
        hidden = disclosure.protect(minutes, [("total", list(range(len(rows))))], sensitive=few) if few else set()
    shown = [
        Row(row["project__name"] or "Other work", disclosure.NOT_SHOWN if index in hidden else hours_text(row["minutes"]))
        for index, row in enumerate(rows)
    ]
    if "total" in hidden:
        return shown, disclosure.NOT_SHOWN, disclosure.NOT_SHOWN
    return shown, hours_text(total), pounds(value)


def members_who_volunteer(*, suppress: bool) -> str:
    """Volunteers whose record shows they used the service: an episode, a referral, or attendance."""
    person = OuterRef("person_id")
    used = Q(person__isnull=False) & (
        Q(Exists(Referral.objects.filter(person=person)))
        | Q(Exists(Episode.objects.filter(person=person)))
        | Q(Exists(Attendance.objects.filter(person=person)))
    )
    count = Volunteer.objects.exclude(stage=Stage.DECLINED).filter(used).count()
    return _shown(count, suppress)


def progression(*, suppress: bool) -> list[Row]:
    counts = dict(
        Volunteer.objects.filter(stage=Stage.LEFT)
        .exclude(progression="")
        .values_list("progression")
        .annotate(n=Count("id"))
        .values_list("progression", "n")
    )
    return [Row(label, _shown(counts.get(value, 0), suppress)) for value, label in Progression.choices if value]
