from __future__ import annotations

import datetime
import uuid

import factory
from django.utils import timezone

from community.tests.factories import SessionFactory
from volunteers.models import (
    DBSCheck,
    DBSLevel,
    ExpenseClaim,
    ExpenseKind,
    RotaSlot,
    SlotRole,
    Source,
    Stage,
    TrainingCompletion,
    Volunteer,
)


class VolunteerFactory(factory.django.DjangoModelFactory[Volunteer]):
    class Meta:
        model = Volunteer

    given_name = factory.Sequence(lambda n: f"Vol{n}")
    family_name = "Helper"
    email = factory.Sequence(lambda n: f"volunteer{n}@example.org")
    source = Source.STAFF
    stage = Stage.ACTIVE
    roles_of_interest = factory.LazyFunction(lambda: ["welcome"])


class DBSCheckFactory(factory.django.DjangoModelFactory[DBSCheck]):
    class Meta:
        model = DBSCheck

    volunteer = factory.SubFactory(VolunteerFactory)
    level = DBSLevel.ENHANCED
    certificate_number = "001234567890"
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
    renewal_due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=900))


class TrainingCompletionFactory(factory.django.DjangoModelFactory[TrainingCompletion]):
    class Meta:
        model = TrainingCompletion

    completed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class RotaSlotFactory(factory.django.DjangoModelFactory[RotaSlot]):
    class Meta:
        model = RotaSlot

    session = factory.SubFactory(
        SessionFactory, starts_at=factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=2))
    )
    role = SlotRole.WELCOME
    needs_dbs = True


class ExpenseClaimFactory(factory.django.DjangoModelFactory[ExpenseClaim]):
    class Meta:
        model = ExpenseClaim

    volunteer = factory.SubFactory(VolunteerFactory)
    kind = ExpenseKind.FARES
    incurred_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
    description = "Bus fare"
    amount_pence = 480
    submission_token = factory.LazyFunction(uuid.uuid4)
