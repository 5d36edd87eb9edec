from __future__ import annotations

import factory

from accounts.tests.factories import UserFactory
from outcomes.models import Measurement
from people.tests.factories import PersonFactory


class MeasurementFactory(factory.django.DjangoModelFactory[Measurement]):
    class Meta:
        model = Measurement

    person = factory.SubFactory(PersonFactory)
    status = Measurement.Status.DRAFT
    created_by = factory.SubFactory(UserFactory)
