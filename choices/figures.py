"""Figures on personal budgets and the route into work, for managers and commissioners. Every
figure a restricted viewer sees passes `core.disclosure`: counts of 1 to threshold − 1 are hidden,
with the figures that add up to them; a median needs the threshold number of people; a rate is
shown only when the counts it is made from are. Each function is a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.db.models import Count, Sum

from choices.models import BudgetStatus, PersonalBudget, Placement, PlacementKind, Spend, SpendCategory
from core import disclosure
from core.money import pounds

THREE_MONTHS = 91  # days after a start: "in work at 3 months"
SIX_MONTHS = 182


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def _count(count: int, suppress: bool) -> str:
    return disclosure.show(disclosure.suppress_value(count)) if suppress else str(count)


def _column(counts: list[tuple[str, int]], suppress: bool, total_label: str) -> list[Row]:
    """A column of counts and its total, hidden together so nothing comes back by subtraction."""
    if not suppress:
        return [*(Row(label, str(count)) for label, count in counts), Row(total_label, str(sum(c for _, c in counts)))]
    cells, total = disclosure.suppress(counts)
    return [*(Row(cell.label, cell.display) for cell in cells), Row(total_label, disclosure.show(total))]


# Personal budgets


def budgets_by_stage(*, suppress: bool) -> list[Row]:
    """Budgets by where they have got to on the pathway (most people have one)."""
    counts = dict(PersonalBudget.objects.order_by().values_list("status").annotate(n=Count("id")))
    return _column([(label, counts.get(value, 0)) for value, label in BudgetStatus.choices], suppress, "All budgets")


def people_supported_to_a_budget(*, suppress: bool) -> str:
    """People whose budget reached "in place" (it may have ended since)."""
    count = PersonalBudget.objects.filter(starts_on__isnull=False).values("person").distinct().count()
    return _count(count, suppress)


def days_to_first_payment(*, suppress: bool) -> tuple[str, str]:
    """(median days from the referral to the council to the first payment, how many people)."""
    rows = PersonalBudget.objects.filter(referred_on__isnull=False, first_payment_on__isnull=False).values_list(
        "person_id", "referred_on", "first_payment_on"
    )
    days: dict[object, int] = {}
    for person_id, referred_on, first_paid in rows:
        if referred_on is not None and first_paid is not None:
            days[person_id] = min(days.get(person_id, 10**6), (first_paid - referred_on).days)
    people = len(days)
    if not people or (suppress and not disclosure.enough_people(people)):
        return (disclosure.NOT_SHOWN if people else "No payments yet", _count(people, suppress))
    return f"{median(days.values()):g} days", _count(people, suppress)


def what_budgets_buy(*, suppress: bool) -> list[Row]:
    """Money spent by kind of thing, with the total. A kind bought by fewer than the threshold
    people is hidden (with enough others that it cannot be worked out from the total)."""
    rows = Spend.objects.order_by().values("category").annotate(total=Sum("amount_pence"), people=Count("budget__person", distinct=True))
    spent = {row["category"]: int(row["total"] or 0) for row in rows}
    people = {row["category"]: row["people"] for row in rows}
    keys = [value for value, _ in SpendCategory.choices]
    values: dict[str, int] = {key: spent.get(key, 0) for key in keys}
    values["all"] = sum(values.values())
    hidden: set[str] = set()
    if suppress:
        total_people = Spend.objects.values("budget__person").distinct().count()
        few = {key for key in keys if 0 < people.get(key, 0) < disclosure.threshold()}
        if 0 < total_people < disclosure.threshold():
            few.add("all")
        hidden = disclosure.protect(values, [("all", keys)], sensitive=few) if few else set()
    shown = [Row(label, disclosure.NOT_SHOWN if value in hidden else pounds(values[value])) for value, label in SpendCategory.choices]
    return [*shown, Row("All spending recorded", disclosure.NOT_SHOWN if "all" in hidden else pounds(values["all"]))]


# The route into work


@dataclass(frozen=True)
class Sustained:
    label: str
    reached: str  # people whose start was long enough ago to count
    still_in_work: str
    rate: str


def _sustained(starts: dict[object, list[tuple[date, date | None]]], days: int, today: date, label: str, suppress: bool) -> Sustained:
    """Of the people with a job start at least `days` ago, how many were in that job `days` later."""
    reached = 0
    lasted = 0
    for spans in starts.values():
        eligible = [(start, end) for start, end in spans if start + timedelta(days=days) <= today]
        if not eligible:
            continue
        reached += 1
        if any(end is None or end >= start + timedelta(days=days) for start, end in eligible):
            lasted += 1
    if not suppress:
        rate = f"{round(100 * lasted / reached)}%" if reached else "None yet"
        return Sustained(label, str(reached), str(lasted), rate)
    values = {"reached": reached, "lasted": lasted, "not": reached - lasted}
    hidden = disclosure.protect(values, [("reached", ["lasted", "not"])])
    shown = {key: (None if key in hidden else value) for key, value in values.items()}
    rate = disclosure.NOT_SHOWN
    if disclosure.derived_shown(shown["reached"], shown["lasted"]) and reached:
        rate = f"{round(100 * lasted / reached)}%"
    elif not reached:
        rate = "None yet"
    return Sustained(label, disclosure.show(shown["reached"]), disclosure.show(shown["lasted"]), rate)


def work_outcomes(*, today: date, suppress: bool) -> dict[str, object]:
    """Job starts, people in work at 3 and 6 months after a start, hours a week, education and
    volunteering started. Two queries."""
    jobs: dict[object, list[tuple[date, date | None]]] = {}
    hours: dict[object, float] = {}
    for person_id, started_on, ended_on, weekly in Placement.objects.filter(kind=PlacementKind.JOB, started_on__lte=today).values_list(
        "person_id", "started_on", "ended_on", "hours_per_week"
    ):
        jobs.setdefault(person_id, []).append((started_on, ended_on))
        if weekly is not None:
            hours[person_id] = max(hours.get(person_id, 0.0), float(weekly))
    others = dict(
        Placement.objects.filter(kind__in=[PlacementKind.EDUCATION, PlacementKind.VOLUNTEERING], started_on__lte=today)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("person", distinct=True))
    )
    enough_hours = len(hours) and (not suppress or disclosure.enough_people(len(hours)))
    return {
        "job_starts": _count(len(jobs), suppress),
        "three_months": _sustained(jobs, THREE_MONTHS, today, "3 months after starting", suppress),
        "six_months": _sustained(jobs, SIX_MONTHS, today, "6 months after starting", suppress),
        "median_hours": f"{median(hours.values()):g} hours a week" if enough_hours else (disclosure.NOT_SHOWN if hours else "None yet"),
        "education_started": _count(others.get(PlacementKind.EDUCATION, 0), suppress),
        "volunteering_started": _count(others.get(PlacementKind.VOLUNTEERING, 0), suppress),
    }
