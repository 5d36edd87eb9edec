"""Recording contacts: the time given, summed in the database, and the bad input refused."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from enablement import services
from enablement.access import minutes_given, minutes_given_by
from enablement.models import Contact, Episode
from enablement.models.episode import EpisodeClosed
from enablement.tests.factories import ContactFactory, EpisodeFactory


def contact_answers(day: datetime.date | None = None, **changes: Any) -> dict[str, Any]:
    day = day or timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "contact_date_day": str(day.day),
        "contact_date_month": str(day.month),
        "contact_date_year": str(day.year),
        "start_time": "10:30",
        "minutes": "75",
        "mode": Contact.Mode.COMMUNITY_OUTING,
        "place": "Cannon Hill Park",
        "who_was_there": "Just us",
        "what_was_done": "Walked round the park and talked about the walking group",
        "outcome": Contact.Outcome.ATTENDED,
    }
    data.update(changes)
    return data


@pytest.fixture
def episode(world: World) -> Episode:
    return EpisodeFactory.create(person=world.caseload_person, worker=world.worker)


def test_a_worker_records_a_contact(as_worker: Client, world: World, episode: Episode) -> None:
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers())
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.person == world.caseload_person and contact.worker == world.worker and contact.minutes == 75
    assert contact.start_time == datetime.time(10, 30)
    assert AuditEvent.objects.filter(object_type="enablement.contact", object_id=str(contact.pk), action="create").exists()


def test_a_contact_in_the_future_is_refused(as_worker: Client, episode: Episode) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers(day=tomorrow))
    assert "The date of the contact must be today or in the past" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_contact_before_the_episode_started_is_refused(as_worker: Client, episode: Episode) -> None:
    before = episode.started_on - datetime.timedelta(days=3)
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers(day=before))
    assert "on or after the episode started" in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_time": "25:00"}, "Enter the start time in hours and minutes, like 14:30"),
        ({"minutes": "0"}, "Enter the minutes as a number between 1 and 720"),
        ({"mode": ""}, "Select how the contact happened"),
        ({"what_was_done": ""}, "Enter what you did together"),
    ],
)
def test_bad_contact_details_get_a_specific_message(as_worker: Client, episode: Episode, changes: dict[str, Any], message: str) -> None:
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers(**changes))
    assert message in response.content.decode()
    assert not Contact.objects.exists()


def test_a_did_not_attend_needs_no_notes(as_worker: Client, episode: Episode) -> None:
    as_worker.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers(outcome="did_not_attend", what_was_done=""))
    assert Contact.objects.get().outcome == Contact.Outcome.DID_NOT_ATTEND


def test_someone_elses_episode_cannot_be_reached(as_worker: Client, world: World) -> None:
    theirs = EpisodeFactory.create(person=world.stranger, worker=world.other_worker)
    assert as_worker.get(f"/enablement/episodes/{theirs.pk}/").status_code == 404
    assert as_worker.post(f"/enablement/episodes/{theirs.pk}/contacts/new/", contact_answers()).status_code == 404
    assert not Contact.objects.exists()


def test_no_contact_can_be_added_to_a_closed_episode(as_worker: Client, world: World, episode: Episode) -> None:
    Episode.objects.filter(pk=episode.pk).update(status=Episode.Status.ENDED)
    episode.refresh_from_db()
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers())
    assert response.status_code == 302
    assert not Contact.objects.exists()
    with pytest.raises(EpisodeClosed):
        services.record_contact(by=world.worker, episode=episode, contact=Contact(contact_date=timezone.localdate(), minutes=10))


def test_time_is_summed_per_person_and_per_worker_by_the_database(world: World, episode: Episode) -> None:
    ContactFactory.create(episode=episode, minutes=60)
    ContactFactory.create(episode=episode, minutes=45)
    ContactFactory.create(episode=episode, minutes=90, outcome=Contact.Outcome.DID_NOT_ATTEND)
    other = EpisodeFactory.create(worker=world.worker)
    ContactFactory.create(episode=other, minutes=30)
    ContactFactory.create(episode=other, minutes=30, contact_date=timezone.localdate() - datetime.timedelta(days=60))
    assert minutes_given(episode) == 105
    since = timezone.localdate() - datetime.timedelta(days=28)
    assert minutes_given_by(world.worker, since=since) == 135
    assert minutes_given_by(world.other_worker, since=since) == 0


def test_the_episode_page_shows_the_time_given_with_bounded_queries(
    as_worker: Client, episode: Episode, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    ContactFactory.create(episode=episode, minutes=60)
    with django_assert_max_num_queries(21) as few:  # 21: the answers to own questions given with the contacts
        body = as_worker.get(f"/enablement/episodes/{episode.pk}/").content.decode()
    assert "1 hour" in body
    for _ in range(30):
        ContactFactory.create(episode=episode, minutes=30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = as_worker.get(f"/enablement/episodes/{episode.pk}/").content.decode()
    assert "16 hours" in body
