"""Person ↔ episode: the person's page shows their open 1-to-1 episode with its next actions, and
the worker's home and caseload link straight to recording a contact."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import World
from enablement.models import Episode
from enablement.tests.factories import EpisodeFactory


def test_the_person_page_shows_the_open_episode_and_its_next_actions(as_worker: Client, world: World) -> None:
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "1-to-1 support" in page
    for name in ("enablement:contact_new", "enablement:review_new", "enablement:episode_end", "enablement:episode"):
        assert reverse(name, kwargs={"episode_id": episode.pk}) in page


def test_an_ended_episode_offers_no_contact(as_worker: Client, world: World) -> None:
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker, status=Episode.Status.ENDED)
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert reverse("enablement:contact_new", kwargs={"episode_id": episode.pk}) not in page


def test_home_and_caseload_link_straight_to_recording_a_contact(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    contact_url = reverse("enablement:contact_new", kwargs={"episode_id": episode.pk})
    with django_assert_max_num_queries(16):  # one more for the signposting follow-ups due (hub)
        home = as_worker.get(reverse("home")).content.decode()
    assert contact_url in home
    assert contact_url in as_worker.get(reverse("enablement:my_caseload")).content.decode()


def test_contact_and_review_dates_start_at_today(as_worker: Client, world: World) -> None:
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    today = timezone.localdate()
    for name, field in (("enablement:contact_new", "contact_date"), ("enablement:review_new", "held_on")):
        page = as_worker.get(reverse(name, kwargs={"episode_id": episode.pk})).content.decode()
        for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
            assert f'name="{field}_{part}" type="text" value="{value}"' in page, (name, part)
