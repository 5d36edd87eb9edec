from __future__ import annotations

import datetime
import itertools

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from people import nhs_number
from people.models import Alert, BreakGlassGrant, CaseloadEntry, Consent, Person

_numbers = nhs_number.synthetic_numbers(start=500_000)
_counter = itertools.count()


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(lambda: datetime.date(1980, 1, 1) + datetime.timedelta(days=next(_counter) * 37 % 9000))
    nhs_number = factory.LazyFunction(lambda: next(_numbers))
    nhs_number_status = "02"


class CaseloadEntryFactory(factory.django.DjangoModelFactory[CaseloadEntry]):
    class Meta:
        model = CaseloadEntry

    person = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(UserFactory)
    source = CaseloadEntry.Source.ALLOCATION


class AlertFactory(factory.django.DjangoModelFactory[Alert]):
    class Meta:
        model = Alert

    person = factory.SubFactory(PersonFactory)
    category = Alert.Category.RISK
    summary = "Lone working: meet in public places"


class ConsentFactory(factory.django.DjangoModelFactory[Consent]):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    kind = Consent.Kind.SHARE_WITH_GP
    given = True


class BreakGlassGrantFactory(factory.django.DjangoModelFactory[BreakGlassGrant]):
    class Meta:
        model = BreakGlassGrant

    person = factory.SubFactory(PersonFactory)
    user = factory.SubFactory(UserFactory)
    reason_code = BreakGlassGrant.Reason.EMERGENCY
    reason = "They rang the office in crisis"
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=24))
