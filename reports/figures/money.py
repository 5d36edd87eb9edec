"""Costs, unit costs and the saving against the old model's baseline, with every input kept.

Method (shown on the page): the old model's cost for the period is places × cost per place per
week × weeks in the period. Divided by the people it served, that is its cost per person; times the
people STaR supported in the period, it is what the old model would have cost for the same people.
The saving is that minus what STaR cost in the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum

from core.money import pounds as pounds  # re-exported: reports.tables and reports.pdf call money.pounds
from reports.models import Baseline, CostCategory, CostEntry
from reports.periods import Period


def costs_by_category(period: Period) -> dict[str, int]:
    """Cost entries that fall inside the period (one grouped query), in pence."""
    inside = Q(starts_on__gte=period.start, ends_on__lte=period.end)
    rows = CostEntry.objects.filter(inside).values("category").annotate(pence=Sum("amount_pence")).order_by()
    found = {row["category"]: int(row["pence"]) for row in rows}
    return {category: found.get(category, 0) for category in CostCategory.values}


@dataclass(frozen=True)
class UnitCost:
    label: str
    units: Decimal
    unit_name: str

    def pence(self, total: int) -> Decimal | None:
        return None if self.units <= 0 or total == 0 else Decimal(total) / self.units


@dataclass(frozen=True)
class Saving:
    baseline: Baseline
    weeks: Decimal
    baseline_cost_pence: Decimal
    baseline_cost_per_person_pence: Decimal
    people_supported: int
    same_people_old_model_pence: Decimal
    actual_pence: int

    @property
    def saving_pence(self) -> Decimal:
        return self.same_people_old_model_pence - self.actual_pence


def volunteer_hour_rate_pence() -> int:
    return int(settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE)


def latest_baseline() -> Baseline | None:
    return Baseline.objects.select_related("recorded_by").order_by("-recorded_at", "-id").first()


def saving(*, period: Period, baseline: Baseline | None, people_supported: int, actual_pence: int) -> Saving | None:
    if baseline is None:
        return None
    weeks = (Decimal(period.days) / 7).quantize(Decimal("0.01"))
    cost = Decimal(baseline.places) * Decimal(baseline.cost_per_place_per_week_pence) * weeks
    per_person = cost / baseline.people_served
    return Saving(
        baseline=baseline,
        weeks=weeks,
        baseline_cost_pence=cost,
        baseline_cost_per_person_pence=per_person,
        people_supported=people_supported,
        same_people_old_model_pence=per_person * people_supported,
        actual_pence=actual_pence,
    )
