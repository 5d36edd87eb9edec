"""A worker completes a measure with a person during a contact, and it is linked to that contact."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from enablement.tests.factories import ContactFactory, EpisodeFactory
from outcomes.models import Instrument, Measurement


def test_a_measure_started_from_a_contact_is_linked_to_it(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    person = world.caseload_person
    episode = EpisodeFactory.create(person=person, worker=world.worker)
    contact = ContactFactory.create(episode=episode, contact_date=timezone.localdate())
    episode_page = as_worker.get(reverse("enablement:episode", kwargs={"episode_id": episode.pk})).content.decode()
    link = f"{reverse('outcomes:new', kwargs={'person_id': person.pk})}?contact={contact.pk}"
    assert link in episode_page
    start_page = as_worker.get(link).content.decode()
    assert f'value="{contact.pk}" selected' in start_page
    today = timezone.localdate()
    response = as_worker.post(
        link,
        {
            "instrument": instruments["GAD7"].pk,
            "how": "with_worker",
            "measured_on_day": today.day,
            "measured_on_month": today.month,
            "measured_on_year": today.year,
            "contact": contact.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Measurement.objects.get().contact == contact


def test_another_persons_contact_cannot_be_chosen(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    other_episode = EpisodeFactory.create(person=world.stranger, worker=world.other_worker)
    theirs = ContactFactory.create(episode=other_episode)
    today = timezone.localdate()
    page = as_worker.post(
        reverse("outcomes:new", kwargs={"person_id": world.caseload_person.pk}),
        {
            "instrument": instruments["GAD7"].pk,
            "how": "with_worker",
            "measured_on_day": today.day,
            "measured_on_month": today.month,
            "measured_on_year": today.year,
            "contact": theirs.pk,
        },
    ).content.decode()
    assert "Choose one of the contacts listed" in page
    assert not Measurement.objects.exists()
