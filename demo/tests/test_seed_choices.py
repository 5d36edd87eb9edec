"""The demo shows personal budgets and the route into work: Alex Rowe with a budget in place whose
spending is ahead of the plan, and someone on the demo worker's caseload in work."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from choices.budget_services import pace_of
from choices.models import BudgetStatus, PersonalBudget, Placement, PlacementKind
from people.models import Person


@pytest.mark.django_db
def test_the_demo_has_a_member_with_a_budget_and_someone_in_work() -> None:
    call_command("seed_demo", "--size", "small", "--seed", "1", stdout=StringIO())
    alex = Person.objects.get(user__username="member")
    budget = PersonalBudget.objects.get(person=alex)
    assert budget.status == BudgetStatus.IN_PLACE and budget.lines.count() == 3
    found = pace_of(budget, today=timezone.localdate())
    assert found is not None and found.ahead
    assert Placement.objects.filter(
        kind=PlacementKind.JOB, ended_on__isnull=True, person__caseload_entries__worker__username="worker"
    ).exists()
    assert PersonalBudget.objects.filter(status=BudgetStatus.IN_PLACE).count() > 3
