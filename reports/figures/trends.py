"""Figures over time within a period: referrals and their complexity, by month or quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField
from django.db.models.functions import TruncMonth, TruncQuarter

from core.periods import Period
from referrals.models import Referral
from referrals.models.referral import Complexity
from reports.figures.service import REFERRALS, during, in_scope, stored


@dataclass(frozen=True)
class ComplexityRow:
    starts: date
    label: str
    counts: dict[int, int]  # complexity 1–4, and 0 for not rated

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def complex_share(self) -> int | None:
        """The share of rated referrals that were complex or very complex (3 or 4), in percent."""
        rated = self.total - self.counts.get(0, 0)
        return None if rated == 0 else round(100 * (self.counts.get(3, 0) + self.counts.get(4, 0)) / rated)


def step_for(period: Period) -> str:
    return "month" if period.days <= 370 else "quarter"


@stored
def complexity_over_time(period: Period) -> list[ComplexityRow]:
    """Referrals received per month (or quarter, for periods over a year) by complexity: one query."""
    step = step_for(period)
    trunc = (TruncMonth if step == "month" else TruncQuarter)("received_at", output_field=DateField())
    rows = (
        Referral.objects.filter(during("received_at", period), in_scope(**REFERRALS))
        .annotate(step=trunc)
        .values("step", "complexity")
        .annotate(n=Count("id"))
        .order_by("step")
    )
    grouped: dict[date, dict[int, int]] = {}
    for row in rows:  # one row per (month, complexity): at most 5 × steps, not per referral
        grouped.setdefault(row["step"], {})[row["complexity"] or 0] = row["n"]
    result = []
    for starts, counts in sorted(grouped.items()):
        label = f"{starts:%b %Y}" if step == "month" else f"{starts.year} {starts:%b}–{_quarter_end(starts):%b}"
        result.append(ComplexityRow(starts, label, counts))
    return result


def _quarter_end(starts: date) -> date:
    month = starts.month + 2
    return date(starts.year, month, 1)


COMPLEXITY_LABELS = [(int(value), label) for value, label in Complexity.choices] + [(0, "Not rated")]
