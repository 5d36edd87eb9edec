"""Figures for managers, each computed in the database with aggregate queries.

Counts of people split by equality group are suppressed below STAR_SUPPRESSION_THRESHOLD,
including cells that could be worked out by subtraction from a total (see suppression.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, CharField, Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum, TextChoices, Value, When
from django.db.models.functions import Coalesce

from core.disclosure import Cell, suppress
from core.periods import Period
from involvement.models import ActivityType, Feedback, FeedbackKind, InvolvementActivity, Participant
from people import equality


@dataclass(frozen=True)
class TypeRow:
    label: str
    activities: int
    members: Cell
    unnamed_members: int


@dataclass(frozen=True)
class EqualityTable:
    question: str
    cells: list[Cell]
    total: int | None


@dataclass(frozen=True)
class ComplaintFigures:
    received: int
    acknowledged: int
    acknowledged_on_time: int
    responded: int
    responded_on_time: int
    still_open: int
    median_days_to_acknowledge: float | None
    median_days_to_respond: float | None

    @staticmethod
    def share(part: int, whole: int) -> str:
        return "None yet" if whole == 0 else f"{round(100 * part / whole)}%"

    @property
    def acknowledged_share(self) -> str:
        return self.share(self.acknowledged_on_time, self.acknowledged)

    @property
    def responded_share(self) -> str:
        return self.share(self.responded_on_time, self.responded)


def participations_in(period: Period) -> QuerySet[Participant]:
    return Participant.objects.filter(period.contains("activity__held_on"))


def headline(period: Period) -> dict[str, int]:
    """Activities, named members (distinct), their participations, and how often each took part."""
    activities = InvolvementActivity.objects.filter(period.contains("held_on")).aggregate(
        activities=Count("id"), unnamed=Coalesce(Sum("unnamed_members"), 0)
    )
    per_person = participations_in(period).values("person").annotate(times=Count("id")).order_by()
    often = per_person.aggregate(
        members=Count("person"),
        participations=Coalesce(Sum("times"), 0),
        once=Count("person", filter=Q(times=1)),
        two_to_three=Count("person", filter=Q(times__gte=2, times__lte=3)),
        four_or_more=Count("person", filter=Q(times__gte=4)),
    )
    return {**activities, **often}


def how_often(numbers: dict[str, int]) -> tuple[list[Cell], int | None]:
    """How many named members took part once, 2 or 3 times, 4 or more: people-counts, so suppressed."""
    return suppress(
        [
            ("Took part once", numbers["once"]),
            ("Took part 2 or 3 times", numbers["two_to_three"]),
            ("Took part 4 times or more", numbers["four_or_more"]),
        ]
    )


def by_activity_type(period: Period) -> list[TypeRow]:
    activities: dict[str, Any] = {
        row["activity_type"]: row
        for row in InvolvementActivity.objects.filter(period.contains("held_on"))
        .values("activity_type")
        .annotate(n=Count("id"), unnamed=Coalesce(Sum("unnamed_members"), 0))
        .order_by()
    }
    members = {
        row["activity__activity_type"]: row["n"]
        for row in participations_in(period).values("activity__activity_type").annotate(n=Count("person", distinct=True)).order_by()
    }
    cells, _ = suppress([(kind, members.get(kind, 0)) for kind in ActivityType.values])
    return [
        TypeRow(label, activities.get(kind, {}).get("n", 0), cell, activities.get(kind, {}).get("unnamed", 0))
        for (kind, label), cell in zip(ActivityType.choices, cells, strict=True)
    ]


def _broad_ethnic_group() -> Case:
    groups: dict[str, list[str]] = {}
    for value, label in equality.Ethnicity2021.choices:
        broad = label.split(":")[0] if ":" in label else "Not known"
        groups.setdefault(broad, []).append(value)
    return Case(
        *[When(person__equality_monitoring__ethnicity__in=values, then=Value(broad)) for broad, values in groups.items()],
        default=Value("Not known"),
        output_field=CharField(),
    )


EQUALITY_QUESTIONS: dict[str, tuple[str, type[TextChoices] | None]] = {
    "ethnicity": ("Ethnic group", None),
    "sex": ("Sex", equality.Sex),
    "disability": ("Disability", equality.Disability),
    "religion": ("Religion", equality.Religion),
    "sexual_orientation": ("Sexual orientation", equality.SexualOrientation),
}


def by_equality_group(period: Period, question: str) -> EqualityTable:
    """Distinct members who took part, by their answer to one equality question (not recorded = not known)."""
    title, choices = EQUALITY_QUESTIONS[question]
    group: Case | Coalesce
    if choices is None:
        group = _broad_ethnic_group()
    else:
        group = Coalesce(F(f"person__equality_monitoring__{question}"), Value(equality.NOT_ASKED), output_field=CharField())
    rows = {
        row["group"]: row["n"]
        for row in participations_in(period).annotate(group=group).values("group").annotate(n=Count("person", distinct=True)).order_by()
    }
    if choices is None:
        labels = [
            (name, name)
            for name in dict.fromkeys(label.split(":")[0] if ":" in label else "Not known" for label in equality.Ethnicity2021.labels)
        ]
    else:
        labels = [(value, "Not known" if value == equality.NOT_ASKED else label) for value, label in choices.choices]
    cells, total = suppress([(label, rows.get(value, 0)) for value, label in labels])
    return EqualityTable(title, [cell for cell in cells if cell.count != 0], total)


def _median_days(complaints: QuerySet[Feedback], field: str, count: int) -> float | None:
    """The median of (field − received_at) in days: the database sorts, and at most two rows come back."""
    if count == 0:
        return None
    durations = (
        complaints.filter(**{f"{field}__isnull": False})
        .annotate(taken=ExpressionWrapper(F(field) - F("received_at"), output_field=DurationField()))
        .order_by("taken", "id")
        .values_list("taken", flat=True)
    )
    middle = list(durations[(count - 1) // 2 : count // 2 + 1])
    seconds: float = sum(d.total_seconds() for d in middle) / len(middle)
    return round(seconds / 86400, 1)


def complaint_figures(period: Period) -> ComplaintFigures:
    complaints = Feedback.objects.complaints().filter(received_at__date__gte=period.start, received_at__date__lte=period.end)
    totals = complaints.aggregate(
        received=Count("id"),
        acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
        acknowledged_on_time=Count("id", filter=Q(acknowledged_at__date__lte=F("acknowledge_by"))),
        responded=Count("id", filter=Q(responded_at__isnull=False)),
        responded_on_time=Count("id", filter=Q(responded_at__date__lte=F("respond_by"))),
        still_open=Count("id", filter=Q(status__in=["received", "acknowledged", "investigating"])),
    )
    return ComplaintFigures(
        **totals,
        median_days_to_acknowledge=_median_days(complaints, "acknowledged_at", totals["acknowledged"]),
        median_days_to_respond=_median_days(complaints, "responded_at", totals["responded"]),
    )


def feedback_by_theme(period: Period) -> list[tuple[str, int, int]]:
    """(theme, compliments, ideas), one grouped query; themes without any are left out."""
    rows = (
        Feedback.objects.filter(received_at__date__gte=period.start, received_at__date__lte=period.end)
        .filter(kind__in=[FeedbackKind.COMPLIMENT, FeedbackKind.IDEA])
        .values("theme__name", "theme__position")
        .annotate(
            compliments=Count("id", filter=Q(kind=FeedbackKind.COMPLIMENT)),
            ideas=Count("id", filter=Q(kind=FeedbackKind.IDEA)),
        )
        .order_by(F("theme__position").asc(nulls_last=True), "theme__name")
    )
    return [(row["theme__name"] or "No theme", row["compliments"], row["ideas"]) for row in rows]


def last_months(months: int, today: date) -> Period:
    return Period("custom", today - timedelta(days=round(months * 30.44)), today)
