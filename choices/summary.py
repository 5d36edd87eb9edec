"""Personal budgets in the "What to know" header of every page about the person: spending that
runs ahead of the plan, and a council review that is overdue. Through the gate; two queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Capability, can
from choices.access import current_budget
from choices.budget_services import pace_of
from choices.models import BudgetStatus
from core.jinja import uk_date
from people.models import Person
from people.summary import SummaryItem, register_source

if TYPE_CHECKING:
    from people.summary import Viewer


def budget_items(user: Viewer, person: Person) -> list[SummaryItem]:
    if not can(user, Capability.SUPPORT_CHOICES):
        return []
    budget = current_budget(user, person)
    if budget is None or budget.status != BudgetStatus.IN_PLACE:
        return []
    today = timezone.localdate()
    url = reverse("choices:budget", kwargs={"person_id": person.pk})
    items = []
    found = pace_of(budget, today=today)
    if found is not None and found.ahead:
        items.append(SummaryItem("budget", "Personal budget", found.summary, url, colour="yellow"))
    if budget.review_on and budget.review_on < today:
        items.append(
            SummaryItem("budget_review", "Personal budget", f"Review overdue since {uk_date(budget.review_on)}", url, colour="yellow")
        )
    return items


def register() -> None:
    register_source("budget", budget_items)
