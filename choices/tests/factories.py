from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from choices.models import (
    BudgetKind,
    BudgetStatus,
    EmployerType,
    PersonalBudget,
    Placement,
    PlacementKind,
    PlanLine,
    Spend,
    SpendCategory,
    VocationalProfile,
    WorkActivity,
    WorkActivityKind,
    WorkGoal,
)
from people.tests.factories import PersonFactory


class PersonalBudgetFactory(factory.django.DjangoModelFactory[PersonalBudget]):
    class Meta:
        model = PersonalBudget

    person = factory.SubFactory(PersonFactory)
    conversation_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=120))
    opened_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)


class InPlaceBudgetFactory(PersonalBudgetFactory):
    """A budget of £3,650 for a year that started 100 days ago (£10 a day)."""

    status = BudgetStatus.IN_PLACE
    kind = BudgetKind.DIRECT_PAYMENT
    agreed_amount_pence = 365_000
    referred_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=110))
    assessed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=105))
    agreed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=101))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=99))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=364))
    first_payment_on = factory.LazyAttribute(lambda o: o.starts_on)
    plan_what_for = "A personal assistant two mornings a week, and a pottery class"
    plan_how_it_helps = "Getting out of the house and making things again"


class PlanLineFactory(factory.django.DjangoModelFactory[PlanLine]):
    class Meta:
        model = PlanLine

    budget = factory.SubFactory(InPlaceBudgetFactory)
    category = SpendCategory.ACTIVITIES
    description = "Pottery class"
    amount_pence = 36_500
    added_by = factory.SelfAttribute("budget.opened_by")


class SpendFactory(factory.django.DjangoModelFactory[Spend]):
    class Meta:
        model = Spend

    budget = factory.SubFactory(InPlaceBudgetFactory)
    category = SpendCategory.ACTIVITIES
    spent_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    amount_pence = 1_500
    description = "Class fee"
    recorded_by = factory.SelfAttribute("budget.opened_by")


class PlacementFactory(factory.django.DjangoModelFactory[Placement]):
    class Meta:
        model = Placement

    person = factory.SubFactory(PersonFactory)
    kind = PlacementKind.JOB
    title = "Kitchen assistant"
    employer_type = EmployerType.PRIVATE
    hours_per_week = 16
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    recorded_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)


class WorkActivityFactory(factory.django.DjangoModelFactory[WorkActivity]):
    class Meta:
        model = WorkActivity

    person = factory.SubFactory(PersonFactory)
    kind = WorkActivityKind.INTERVIEW
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
    note = "Interview at a café"
    recorded_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)


class WorkGoalFactory(factory.django.DjangoModelFactory[WorkGoal]):
    class Meta:
        model = WorkGoal

    person = factory.SubFactory(PersonFactory)
    kind = PlacementKind.JOB
    goal = "A part-time job in a kitchen"
    recorded_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)


class VocationalProfileFactory(factory.django.DjangoModelFactory[VocationalProfile]):
    class Meta:
        model = VocationalProfile

    person = factory.SubFactory(PersonFactory)
    so_far = "Worked in a bakery for six years"
    what_i_want = "Something with food, mornings only"
    updated_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)
