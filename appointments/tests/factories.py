from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from appointments.models import Appointment
from enablement.tests.factories import EpisodeFactory


def tomorrow_at(hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(hour, minute)))


class AppointmentFactory(factory.django.DjangoModelFactory[Appointment]):
    class Meta:
        model = Appointment

    episode = factory.SubFactory(EpisodeFactory)
    person = factory.SelfAttribute("episode.person")
    worker = factory.SelfAttribute("episode.worker")
    booked_by = factory.SelfAttribute("episode.worker")
    starts_at = factory.LazyFunction(lambda: tomorrow_at(10))
    minutes = 60
    mode = Appointment.Mode.FACE_TO_FACE
