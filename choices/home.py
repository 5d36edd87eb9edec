"""Personal budgets on the worker's "Today": budgets on their caseload whose spending runs ahead
of the plan. Two queries whatever the caseload: the budgets in place, and their spending."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.http import HttpRequest

from audit.services import Action, record_events_for_people
from choices.access import budgets_on_caseload
from choices.models import PersonalBudget, Spend
from choices.spending import pace

CASELOAD_BUDGETS_CHECKED = 200


def budgets_ahead_of_plan(request: HttpRequest, *, today: date) -> list[PersonalBudget]:
    """Listed by name on the worker's home page, so the people listed are audited as read."""
    budgets = list(budgets_on_caseload(request.user).order_by("id")[:CASELOAD_BUDGETS_CHECKED])
    if not budgets:
        return []
    spent = dict(Spend.objects.filter(budget__in=budgets).order_by().values_list("budget_id").annotate(total=Sum("amount_pence")))
    ahead = []
    for budget in budgets:
        found = pace(
            amount_pence=budget.agreed_amount_pence,
            starts_on=budget.starts_on,
            ends_on=budget.ends_on,
            spent_pence=int(spent.get(budget.pk) or 0),
            today=today,
        )
        if found is not None and found.ahead:
            ahead.append(budget)
    if ahead:
        record_events_for_people(
            user=request.user,
            action=Action.VIEW,
            person_ids=[b.person_id for b in ahead],
            detail={"list": "budgets ahead of plan"},
        )
    return ahead
