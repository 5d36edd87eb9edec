from choices.models.budgets import (
    BudgetKind,
    BudgetReview,
    BudgetStatus,
    BudgetStatusChange,
    PersonalBudget,
    PlanLine,
    Spend,
    SpendCategory,
)
from choices.models.work import EmployerType, Placement, PlacementKind, VocationalProfile, WorkActivity, WorkActivityKind, WorkGoal

__all__ = [
    "BudgetKind",
    "BudgetReview",
    "BudgetStatus",
    "BudgetStatusChange",
    "EmployerType",
    "PersonalBudget",
    "Placement",
    "PlacementKind",
    "PlanLine",
    "Spend",
    "SpendCategory",
    "VocationalProfile",
    "WorkActivity",
    "WorkActivityKind",
    "WorkGoal",
]
