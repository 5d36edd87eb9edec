"""Volunteering figures, worked out in the database. Small numbers are hidden from
commissioners so nobody can be picked out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Sum

from community.models import Attendance
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
    if suppress and 0 < count < settings.STAR_SUPPRESSION_THRESHOLD:
        return f"Fewer than {settings.STAR_SUPPRESSION_THRESHOLD}"
    return str(count)


def by_stage(*, suppress: bool) -> list[Row]:
    counts = dict(Volunteer.objects.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return [Row(label, _shown(counts.get(value, 0), suppress)) for value, label in Stage.choices]


def hours_by_project(*, start: date, end: date, suppress: bool) -> tuple[list[Row], str, str]:
    entries = HoursEntry.objects.filter(worked_on__gte=start, worked_on__lte=end)
    rows = (
        entries.values("project__name").annotate(minutes=Sum("minutes"), people=Count("volunteer", distinct=True)).order_by("project__name")
    )
    total = entries.aggregate(minutes=Sum("minutes"))["minutes"] or 0
    value = total * settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE // 60
    shown = [
        Row(
            row["project__name"] or "Other work",
            hours_text(row["minutes"])
            if not (suppress and row["people"] < settings.STAR_SUPPRESSION_THRESHOLD)
            else "Hidden (few volunteers)",
        )
        for row in rows
    ]
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
