from __future__ import annotations

import factory
from django.utils import timezone

from people.tests.factories import PersonFactory
from referrals.models import Referral, ReferralStatusChange


def _history(referral: Referral, create: bool, extracted: object, **kwargs: object) -> None:
    if create:
        ReferralStatusChange.objects.create(referral=referral, from_status="", to_status=Referral.Status.AWAITING_TRIAGE)


class ReferralFactory(factory.django.DjangoModelFactory[Referral]):
    class Meta:
        model = Referral
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    source = Referral.Source.GP
    referrer_name = "Dr Priya Shah"
    referrer_organisation = "Moseley Medical Centre"
    reason_in_referrers_words = "Low mood and isolated since losing their job"
    consent_given = True
    received_at = factory.LazyFunction(timezone.now)
    status = Referral.Status.AWAITING_TRIAGE

    # factory.post_generation is this declaration as an (unannotated) decorator
    history = factory.PostGeneration(_history)
