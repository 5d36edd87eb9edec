"""Recording costs and the baseline: each write is audited."""

from __future__ import annotations

from datetime import date

from accounts.models import User
from audit.services import Action, record_event
from reports.models import Baseline, CostEntry


class NegativeCost(ValueError):
    pass


def record_cost(
    *, by: User, starts_on: date, ends_on: date, category: str, amount_pence: int, note: str = "", service_id: int | None = None
) -> CostEntry:
    """`service_id`: the service the money was spent for; None for the whole organisation. A
    manager limited to one service always records for it."""
    if amount_pence < 0:
        raise NegativeCost("A cost cannot be negative")
    if ends_on < starts_on:
        raise ValueError("The end date must be on or after the start date")
    entry = CostEntry.objects.create(
        starts_on=starts_on,
        ends_on=ends_on,
        category=category,
        amount_pence=amount_pence,
        note=note,
        service_id=by.service_id if by.service_id is not None else service_id,
        recorded_by=by,
    )
    record_event(
        user=by,
        action=Action.CREATE,
        obj=entry,
        detail={"amount_pence": amount_pence, "category": category, "service_id": entry.service_id},
    )
    return entry


def record_baseline(
    *,
    by: User,
    description: str,
    places: int,
    cost_per_place_per_week_pence: int,
    people_served: int,
    price_year: str = "",
    service_id: int | None = None,
) -> Baseline:
    """`service_id` as for record_cost."""
    if places < 1:
        raise ValueError("A baseline needs at least one place")
    baseline = Baseline.objects.create(
        description=description,
        places=places,
        cost_per_place_per_week_pence=cost_per_place_per_week_pence,
        people_served=people_served,
        price_year=price_year,
        service_id=by.service_id if by.service_id is not None else service_id,
        recorded_by=by,
    )
    record_event(user=by, action=Action.CREATE, obj=baseline, detail={"service_id": baseline.service_id})
    return baseline
