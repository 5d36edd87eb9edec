from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from hub.models import Category, HowSignposted, Organisation, Resource, Signposting
from people.tests.factories import PersonFactory


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Community Advice Network {n}")


class ResourceFactory(factory.django.DjangoModelFactory[Resource]):
    class Meta:
        model = Resource

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Money advice drop-in {n}")
    description = "Free, confidential help with debts and bills"
    category = Category.DEBT_MONEY
    postcode = "B13 9AB"
    latitude = Decimal("52.43700")
    longitude = Decimal("-1.88300")
    phone = "0121 496 0000"
    last_checked_on = factory.LazyFunction(timezone.localdate)


class SignpostingFactory(factory.django.DjangoModelFactory[Signposting]):
    class Meta:
        model = Signposting

    person = factory.SubFactory(PersonFactory)
    resource = factory.SubFactory(ResourceFactory)
    signposted_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)
    signposted_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=15))
    how = HowSignposted.GAVE_DETAILS
    reason = "Worried about rent arrears"
    follow_up_due = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
