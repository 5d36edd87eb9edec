from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from people.tests.factories import PersonFactory
from safeguarding.models import ConcernCategory, ConcernStatus, ConcernStatusChange, RiskAssessment, RiskLevel, SafeguardingConcern


class RiskAssessmentFactory(factory.django.DjangoModelFactory[RiskAssessment]):
    class Meta:
        model = RiskAssessment

    person = factory.SubFactory(PersonFactory)
    to_self_level = RiskLevel.LOW
    from_others_level = RiskLevel.LOW
    to_others_level = RiskLevel.LOW
    self_neglect_level = RiskLevel.MEDIUM
    self_neglect_notes = "Not eating well when low"
    management_plan = "Check in at each contact about meals"
    review_due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=28))
    assessed_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)


def _opened(concern: SafeguardingConcern, create: bool, extracted: object, **kwargs: object) -> None:
    if create:
        ConcernStatusChange.objects.create(concern=concern, status=ConcernStatus.OPEN, changed_by=concern.raised_by)


class SafeguardingConcernFactory(factory.django.DjangoModelFactory[SafeguardingConcern]):
    class Meta:
        model = SafeguardingConcern
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    category = ConcernCategory.FINANCIAL
    what_happened = "A lodger is taking money from their account"
    action_taken = "Talked it through; they want help"
    status = ConcernStatus.OPEN
    raised_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)

    # factory.post_generation is this declaration as an (unannotated) decorator
    opened = factory.PostGeneration(_opened)
