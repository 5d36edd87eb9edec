"""Costs, unit costs and the saving against the old model's baseline, with every input kept.

Method (shown on the page): every cost entry is shared out by day: a period gets the entry's
amount × the days the two share ÷ the days of the entry (a quarterly staff cost gives a month
its share). The saving compares like with like: both sides cover the same days (the period, up to
today for a period still running). The old model's cost for those days is places × cost per place
per week × days ÷ 7. Divided by the people it served, that is its cost per person; times the people
STaR supported in the period, it is what the old model would have cost for the same people. The
saving is that minus what STaR cost for the same days. Nothing is rounded until it is shown.

Which entries count (docs/teams.md): on an install with one service, every entry. With several
services, a service's figures count the costs recorded for that service only (a cost recorded for
the whole organisation is not shared out: that would be a guess), and its saving uses its own
baseline, else the organisation's; figures not limited to a service count every entry and the
organisation's baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from accounts.models import Service
from accounts.teams import Scope
from core.money import pounds as pounds  # re-exported: reports.tables and reports.pdf call money.pounds
from core.periods import Period
from reports.figures.service import stored
from reports.models import Baseline, CostCategory, CostEntry


@dataclass(frozen=True)
class CostsCounted:
    """Which cost entries and baseline a viewer's figures count, and the sentence that says so."""

    label: str
    service_id: int | None = None  # only this service's entries; None: every entry
    several_services: bool = False


def costs_counted(scope: Scope | None) -> CostsCounted:
    """One query (an install has a handful of services)."""
    names = dict(Service.objects.order_by().values_list("pk", "name"))
    if len(names) <= 1:
        return CostsCounted("Every cost recorded")
    service_id = None if scope is None else scope.service_id
    if service_id is None or service_id not in names:
        return CostsCounted("Every cost recorded, for every service and for the whole organisation", several_services=True)
    return CostsCounted(
        f"Costs recorded for {names[service_id]} (not those recorded for the whole organisation or another service)",
        service_id=service_id,
        several_services=True,
    )


@stored
def costs_by_category(period: Period, counted: CostsCounted | None = None) -> dict[str, Decimal]:
    """Each cost entry's share of the period, by day, in pence (exact: not rounded). One query for
    the entries that overlap the period (a handful a quarter)."""
    found = {category: Decimal(0) for category in CostCategory.values}
    overlapping = CostEntry.objects.filter(starts_on__lte=period.end, ends_on__gte=period.start).order_by()
    if counted is not None and counted.service_id is not None:
        overlapping = overlapping.filter(service_id=counted.service_id)
    for entry in overlapping.values("category", "starts_on", "ends_on", "amount_pence"):
        shared_days = (min(entry["ends_on"], period.end) - max(entry["starts_on"], period.start)).days + 1
        entry_days = (entry["ends_on"] - entry["starts_on"]).days + 1
        found[entry["category"]] += Decimal(entry["amount_pence"]) * shared_days / entry_days
    return found


@dataclass(frozen=True)
class UnitCost:
    """A unit cost says what it divides (the cost of the days costed: the period, or the period so far
    while it runs, when activity exists only up to today) and by what (its units)."""

    label: str
    units: Decimal
    unit_name: str

    def pence(self, total: Decimal | int) -> Decimal | None:
        return None if self.units <= 0 or total == 0 else Decimal(total) / self.units

    def explained(self, total: Decimal | int, *, span: str = "the period") -> str:
        return f"{pounds(total)} total cost of {span} ÷ {self.units} {self.unit_name}"


@dataclass(frozen=True)
class Saving:
    baseline: Baseline
    days: int  # the same days on both sides
    baseline_cost_pence: Decimal
    baseline_cost_per_person_pence: Decimal
    people_supported: int
    same_people_old_model_pence: Decimal
    actual_pence: Decimal

    @property
    def weeks(self) -> Decimal:
        """For display only: the sums use days ÷ 7 unrounded."""
        return (Decimal(self.days) / 7).quantize(Decimal("0.01"))

    @property
    def saving_pence(self) -> Decimal:
        return self.same_people_old_model_pence - self.actual_pence


def volunteer_hour_rate_pence() -> int:
    return int(settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE)


def latest_baseline(counted: CostsCounted | None = None) -> Baseline | None:
    """The newest baseline: with several services, a service's own, else the organisation's."""
    baselines = Baseline.objects.select_related("recorded_by", "service").order_by("-recorded_at", "-id")
    if counted is None or not counted.several_services:
        return baselines.first()
    if counted.service_id is not None:
        own = baselines.filter(service_id=counted.service_id).first()
        if own is not None:
            return own
    return baselines.filter(service__isnull=True).first()


def costed_span(period: Period, *, today: date) -> Period:
    """The days both sides of the saving cover: the period, up to today when it is still running."""
    if period.start <= today < period.end:
        return Period("custom", period.start, today)
    return period


def saving(*, period: Period, baseline: Baseline | None, people_supported: int, actual_pence: Decimal | int) -> Saving | None:
    """`period` is the costed span and `actual_pence` STaR's cost for exactly those days."""
    if baseline is None:
        return None
    cost = Decimal(baseline.places) * Decimal(baseline.cost_per_place_per_week_pence) * Decimal(period.days) / 7
    per_person = cost / baseline.people_served
    return Saving(
        baseline=baseline,
        days=period.days,
        baseline_cost_pence=cost,
        baseline_cost_per_person_pence=per_person,
        people_supported=people_supported,
        same_people_old_model_pence=per_person * people_supported,
        actual_pence=Decimal(actual_pence),
    )
