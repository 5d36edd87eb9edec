from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from enablement.models import Contact, Episode, Review
from people.tests.factories import PersonFactory


class EpisodeFactory(factory.django.DjangoModelFactory[Episode]):
    class Meta:
        model = Episode

    person = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(UserFactory, role="str_worker")
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(weeks=2))
    planned_weeks = 12
    planned_end_on = factory.LazyAttribute(lambda e: e.started_on + datetime.timedelta(weeks=e.planned_weeks))
    review_every_weeks = 4
    next_review_on = factory.LazyAttribute(lambda e: e.started_on + datetime.timedelta(weeks=4))
    opened_by = factory.SelfAttribute("worker")


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    episode = factory.SubFactory(EpisodeFactory)
    person = factory.SelfAttribute("episode.person")
    worker = factory.SelfAttribute("episode.worker")
    contact_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    start_time = datetime.time(10, 0)
    minutes = 60
    mode = Contact.Mode.FACE_TO_FACE
    what_was_done = "Walked to the library and joined"
    recorded_by = factory.SelfAttribute("episode.worker")


class ReviewFactory(factory.django.DjangoModelFactory[Review]):
    class Meta:
        model = Review

    episode = factory.SubFactory(EpisodeFactory)
    person = factory.SelfAttribute("episode.person")
    held_on = factory.LazyFunction(timezone.localdate)
    what_is_working = "Weekly walks"
    progress = "Joined the library"
    persons_view = "I feel less alone"
    who_took_part = "Them and me"
    decision = Review.Decision.CONTINUE
    recorded_by = factory.SelfAttribute("episode.worker")
