"""Figures on personal budgets and the route into work, for managers and commissioners, for a period.

Every figure is a count of things that happened in the period (a step on the budget pathway, a job
start, money spent), so months add up to quarters and quarters to the year. A restricted viewer
(a commissioner) asks for calendar months, quarters and financial years only, and each figure is
read from its financial year's cube published through `core.published`: a quarter minus its months
never gives a hidden month, and a figure seen today is the same figure tomorrow (nothing is "as at
today", which two visits a day apart would subtract). Medians and rates are shown only beside the
counts they are made from, and a median needs the threshold number of people. Each function is a
fixed number of queries, whatever the size of the service.

A manager's figures are their service's people's, and may be narrowed to one team (docs/teams.md):
a budget (and its spending) counts for the team of the worker who opened it, a job, course or
volunteering start for the team of the worker who recorded it. A restricted viewer has no scope.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any

from django.db.models import DateField, QuerySet, Sum
from django.db.models.functions import TruncMonth

from accounts.teams import Scope
from choices.models import PersonalBudget, Placement, PlacementKind, Spend, SpendCategory
from core import disclosure
from core.money import pounds
from core.periods import Period
from core.published import Published, monthly_counts, people_by_period, year_cube, year_for

THREE_MONTHS = 91  # days after a start: "in work at 3 months"
SIX_MONTHS = 182

Monthly = dict[date, dict[str, int]]

# The budget pathway: a budget counts in the month each step happened.
STEPS: list[tuple[str, str]] = [
    ("conversation_on", "Conversations about a personal budget"),
    ("referred_on", "Referred to the council"),
    ("assessed_on", "Assessed by the council"),
    ("agreed_on", "Amount agreed"),
    ("starts_on", "Budgets that started (people supported to a budget)"),
    ("first_payment_on", "First payments"),
    ("ended_on", "Budgets that ended"),
]
SPEND_ROWS = [*SpendCategory.values, "all"]
STARTS = {PlacementKind.JOB: "job_starts", PlacementKind.EDUCATION: "education_started", PlacementKind.VOLUNTEERING: "volunteering_started"}
WORK_ROWS = [*STARTS.values(), "reached_3", "lasted_3", "left_3", "reached_6", "lasted_6", "left_6"]
WORK_LINES = [("reached_3", ["lasted_3", "left_3"]), ("reached_6", ["lasted_6", "left_6"])]


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Sustained:
    label: str
    reached: str  # job starts whose 3- or 6-month point fell in the period
    still_in_work: str
    rate: str


@dataclass(frozen=True)
class Figures:
    """What the figures page shows for one period, each value already as the viewer may see it."""

    period: Period
    steps: list[Row]
    median_days: str
    buys: list[Row]
    work: dict[str, str]
    sustained: list[Sustained]
    median_hours: str


def _add(into: Monthly, month: date, row: str, n: int) -> None:
    counts = into.setdefault(month, {})
    counts[row] = counts.get(row, 0) + n


def _as_row(row: str) -> Callable[[dict[str, Any]], list[tuple[str, int]]]:
    return lambda group: [(row, int(group["n"]))]


def _budgets(scope: Scope | None) -> QuerySet[PersonalBudget]:
    budgets = PersonalBudget.objects.all()
    return budgets if scope is None else budgets.filter(scope.q(service="person__service_id", team="opened_by__team_id"))


def _spending(scope: Scope | None) -> QuerySet[Spend]:
    spending = Spend.objects.all()
    return spending if scope is None else spending.filter(scope.q(service="budget__person__service_id", team="budget__opened_by__team_id"))


def _placements(scope: Scope | None) -> QuerySet[Placement]:
    placements = Placement.objects.all()
    return placements if scope is None else placements.filter(scope.q(service="person__service_id", team="recorded_by__team_id"))


def _step_counts(start: date, end: date, scope: Scope | None = None) -> Monthly:
    """Budgets by the month each pathway step happened: one grouped query a step."""
    monthly: Monthly = {}
    for field, _ in STEPS:
        budgets = _budgets(scope).filter(**{f"{field}__gte": start, f"{field}__lte": end})
        for month, counts in monthly_counts(budgets, field, [], _as_row(field)).items():
            for row, n in counts.items():
                _add(monthly, month, row, n)
    return monthly


def _spend(start: date, end: date, scope: Scope | None = None) -> Monthly:
    """Pence spent by kind of thing and month, with "all": one grouped query."""
    monthly: Monthly = {}
    grouped = (
        _spending(scope)
        .filter(spent_on__gte=start, spent_on__lte=end)
        .annotate(month=TruncMonth("spent_on", output_field=DateField()))
        .values("month", "category")
        .annotate(pence=Sum("amount_pence"))
        .order_by()
    )
    for group in grouped:
        for row in (group["category"], "all"):
            _add(monthly, group["month"], row, int(group["pence"] or 0))
    return monthly


def _work(start: date, end: date, today: date, scope: Scope | None = None) -> Monthly:
    """Starts by kind and month, and each job start at the month its 3- and 6-month point fell in
    (only points that have passed), still in that job then or not: two queries."""
    monthly: Monthly = {}
    for month, counts in monthly_counts(
        _placements(scope).filter(started_on__gte=start, started_on__lte=min(end, today)),
        "started_on",
        ["kind"],
        lambda group: [(STARTS[group["kind"]], group["n"])] if group["kind"] in STARTS else [],
    ).items():
        for row, n in counts.items():
            _add(monthly, month, row, n)
    jobs = (
        _placements(scope)
        .filter(kind=PlacementKind.JOB, started_on__gte=start - timedelta(days=SIX_MONTHS), started_on__lte=min(end, today))
        .values_list("started_on", "ended_on")
    )
    for started_on, ended_on in jobs:
        for days, suffix in ((THREE_MONTHS, "3"), (SIX_MONTHS, "6")):
            point = started_on + timedelta(days=days)
            if start <= point <= min(end, today):
                lasted = ended_on is None or ended_on >= point
                month = point.replace(day=1)
                _add(monthly, month, f"reached_{suffix}", 1)
                _add(monthly, month, f"{'lasted' if lasted else 'left'}_{suffix}", 1)
    return monthly


def _summed(monthly: Monthly, rows: list[str]) -> dict[str, int]:
    return {row: sum(counts.get(row, 0) for counts in monthly.values()) for row in rows}


class _Reader:
    """Reads a period's figures: exact for a viewer who sees unsuppressed figures (any dates), or
    from the financial year's published cube."""

    def __init__(self, period: Period, *, suppress: bool, today: date) -> None:
        self.period, self.suppress, self.today = period, suppress, today
        self.span = year_for(period) if suppress else period

    def counts(self, monthly: Monthly, rows: list[str], lines: list[tuple[str, list[str]]], **cube: Any) -> dict[str, int | None]:
        if not self.suppress:
            return dict(_summed(monthly, rows))
        published: Published = year_cube(self.span, monthly, rows, lines, **cube)
        return {row: published.get(self.period, row) for row in rows}


def _median_shown(values: list[float], count: int | None, suppress: bool) -> bool:
    """A median is shown beside its count, and to a restricted viewer only of enough people."""
    return bool(values) and (not suppress or (count is not None and disclosure.enough_people(len(values))))


def _days_to_first_payment(period: Period, paid: int | None, suppress: bool, today: date, scope: Scope | None) -> str:
    rows = (
        _budgets(scope)
        .filter(first_payment_on__gte=period.start, first_payment_on__lte=min(period.end, today), referred_on__isnull=False)
        .values_list("referred_on", "first_payment_on")
    )
    days = [float((paid_on - referred).days) for referred, paid_on in rows if referred is not None and paid_on is not None]
    if not days:
        return "No payments in this period"
    return f"{median(days):g} days" if _median_shown(days, paid, suppress) else disclosure.NOT_SHOWN


def _spend_people(year: Period) -> Mapping[tuple[Any, str], int]:
    """Different people whose budget bought each kind of thing, by month, quarter and year."""
    monthly, parents = people_by_period(
        Spend.objects.filter(spent_on__gte=year.start, spent_on__lte=year.end),
        "spent_on",
        "budget__person",
        ["category"],
        lambda group: [(group["category"], group["n"])],
        year,
    )
    everyone = people_by_period(
        Spend.objects.filter(spent_on__gte=year.start, spent_on__lte=year.end),
        "spent_on",
        "budget__person",
        [],
        lambda group: [("all", group["n"])],
        year,
    )
    people: dict[tuple[Any, str], int] = {}
    for source in (monthly, everyone[0]):
        for month, counts in source.items():
            for row, n in counts.items():
                people[(("month", month), row)] = n
    for source_parents in (parents, everyone[1]):
        for key, counts in source_parents.items():
            for row, n in counts.items():
                people[(key, row)] = n
    return people


def figures_for(period: Period, *, suppress: bool, today: date, scope: Scope | None = None) -> Figures:
    """Every figure of the page for one period; a restricted viewer's always everyone's."""
    reader = _Reader(period, suppress=suppress, today=today)
    span = reader.span
    scope = None if suppress else scope
    steps = reader.counts(_step_counts(span.start, min(span.end, today), scope), [field for field, _ in STEPS], [])
    sensitive = None
    if suppress:
        people = _spend_people(span)
        sensitive = {"sensitive": lambda key, pence: pence > 0 and 0 < people.get(key, 0) < disclosure.threshold()}
    spent = reader.counts(
        _spend(span.start, min(span.end, today), scope), SPEND_ROWS, [("all", list(SpendCategory.values))], **(sensitive or {})
    )
    work = reader.counts(_work(span.start, span.end, today, scope), WORK_ROWS, WORK_LINES)
    labels = dict(SpendCategory.choices) | {"all": "All spending recorded"}
    job_hours = [
        float(hours or 0)
        for hours in _placements(scope)
        .filter(kind=PlacementKind.JOB, started_on__gte=period.start, started_on__lte=min(period.end, today), hours_per_week__isnull=False)
        .values_list("hours_per_week", flat=True)
    ]
    return Figures(
        period=period,
        steps=[Row(label, disclosure.show(steps[field])) for field, label in STEPS],
        median_days=_days_to_first_payment(period, steps["first_payment_on"], suppress, today, scope),
        buys=[Row(labels[row], disclosure.NOT_SHOWN if spent[row] is None else pounds(spent[row])) for row in SPEND_ROWS],
        work={row: disclosure.show(work[row]) for row in STARTS.values()},
        sustained=[_sustained(work, "3", "3 months after starting"), _sustained(work, "6", "6 months after starting")],
        median_hours=(
            (f"{median(job_hours):g} hours a week" if _median_shown(job_hours, work["job_starts"], suppress) else disclosure.NOT_SHOWN)
            if job_hours
            else "No job starts with hours recorded"
        ),
    )


def _sustained(work: Mapping[str, int | None], suffix: str, label: str) -> Sustained:
    reached, lasted = work[f"reached_{suffix}"], work[f"lasted_{suffix}"]
    if reached == 0:
        rate = "None in this period"
    elif disclosure.derived_shown(reached, lasted) and reached:
        rate = f"{round(100 * (lasted or 0) / reached)}%"
    else:
        rate = disclosure.NOT_SHOWN
    return Sustained(label, disclosure.show(reached), disclosure.show(lasted), rate)
