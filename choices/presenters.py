"""What the budget and work pages show, worked out here so the templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Sum

from choices import access
from choices.budget_services import pace_of
from choices.models import BudgetStatus, PersonalBudget, PlanLine, Spend
from choices.spending import Pace, expected_by
from core.money import pounds

SPENDING_SHOWN = 12


@dataclass(frozen=True)
class LineRow:
    line: PlanLine
    spent_pence: int
    ahead: bool

    @property
    def amount(self) -> str:
        return pounds(self.line.amount_pence)

    @property
    def spent(self) -> str:
        return pounds(self.spent_pence)


@dataclass(frozen=True)
class BudgetPage:
    budget: PersonalBudget
    lines: list[LineRow]
    planned_pence: int
    spending: list[Spend]
    spending_count: int
    spent_pence: int
    pace: Pace | None

    @property
    def agreed(self) -> str:
        return pounds(self.budget.agreed_amount_pence) if self.budget.agreed_amount_pence is not None else "Not agreed yet"

    @property
    def spent(self) -> str:
        return pounds(self.spent_pence)

    @property
    def planned(self) -> str:
        return pounds(self.planned_pence)

    @property
    def plan_over_agreed(self) -> bool:
        amount = self.budget.agreed_amount_pence
        return amount is not None and self.planned_pence > amount

    @property
    def can_spend(self) -> bool:
        return self.budget.status == BudgetStatus.IN_PLACE


def budget_page(budget: PersonalBudget, *, today: date) -> BudgetPage:
    """Three queries: the plan's lines, the spending per line and in all, and the newest spending."""
    lines = list(access.lines_of(budget))
    by_line = {
        row["line_id"]: row["total"]
        for row in access.spending_of(budget).order_by().values("line_id").annotate(total=Sum("amount_pence"), n=Count("id"))
    }
    spent = sum(int(total or 0) for total in by_line.values())
    spending = list(access.spending_of(budget)[:SPENDING_SHOWN])
    count = len(spending) if len(spending) < SPENDING_SHOWN else access.spending_of(budget).count()
    rows = []
    for line in lines:
        line_spent = int(by_line.get(line.pk) or 0)
        ahead = False
        if budget.status == BudgetStatus.IN_PLACE and budget.starts_on and budget.ends_on:
            expected, _, _ = expected_by(amount_pence=line.amount_pence, starts_on=budget.starts_on, ends_on=budget.ends_on, today=today)
            ahead = line_spent > expected
        rows.append(LineRow(line, line_spent, ahead))
    return BudgetPage(
        budget=budget,
        lines=rows,
        planned_pence=sum(line.amount_pence for line in lines),
        spending=spending,
        spending_count=count,
        spent_pence=spent,
        pace=pace_of(budget, today=today, spent=spent),
    )
