"""Recording costs and the baseline: each write is audited."""

from __future__ import annotations

from datetime import date

from accounts.models import User
from audit.services import Action, record_event
from reports.models import Baseline, CostEntry


class NegativeCost(ValueError):
    pass


def record_cost(*, by: User, starts_on: date, ends_on: date, category: str, amount_pence: int, note: str = "") -> CostEntry:
    if amount_pence < 0:
        raise NegativeCost("A cost cannot be negative")
    if ends_on < starts_on:
        raise ValueError("The end date must be on or after the start date")
    entry = CostEntry.objects.create(
        starts_on=starts_on, ends_on=ends_on, category=category, amount_pence=amount_pence, note=note, recorded_by=by
    )
    record_event(user=by, action=Action.CREATE, obj=entry, detail={"amount_pence": amount_pence, "category": category})
    return entry


def record_baseline(
    *, by: User, description: str, places: int, cost_per_place_per_week_pence: int, people_served: int, price_year: str = ""
) -> Baseline:
    if places < 1:
        raise ValueError("A baseline needs at least one place")
    baseline = Baseline.objects.create(
        description=description,
        places=places,
        cost_per_place_per_week_pence=cost_per_place_per_week_pence,
        people_served=people_served,
        price_year=price_year,
        recorded_by=by,
    )
    record_event(user=by, action=Action.CREATE, obj=baseline)
    return baseline
