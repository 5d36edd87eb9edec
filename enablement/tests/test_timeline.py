"""The person's page shows referrals, episodes, contacts, reviews and move-on, with bounded queries."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import World
from enablement import services
from enablement.models import MoveOn
from enablement.tests.factories import ContactFactory, ReviewFactory
from referrals.tests.factories import ReferralFactory


def test_the_person_page_shows_the_whole_pathway(as_worker: Client, world: World) -> None:
    person = world.caseload_person
    referral = ReferralFactory.create(person=person)
    episode = services.open_episode(
        by=world.manager, person=person, worker=world.worker, started_on=timezone.localdate() - datetime.timedelta(weeks=6)
    )
    ContactFactory.create(episode=episode, mode="phone", minutes=45)
    ReviewFactory.create(episode=episode, persons_view="I feel more confident")
    services.end_episode(
        by=world.worker, episode=episode, move_on=MoveOn(destination="volunteering", reason="Goals met", ended_on=timezone.localdate())
    )
    body = as_worker.get(f"/people/{person.pk}/").content.decode()
    assert f"Referral {referral.reference} received" in body
    assert "1-to-1 episode with" in body and "started" in body and "ended" in body
    assert "Phone with" in body and "45 minutes" in body
    assert "Review: continue as planned" in body
    assert "Moved on: volunteering" in body
    only_contacts = as_worker.get(f"/people/{person.pk}/?show=contacts").content.decode()
    assert "Phone with" in only_contacts and "Moved on" not in only_contacts


def test_the_person_page_costs_the_same_however_long_the_history(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    person = world.caseload_person
    episode = services.open_episode(
        by=world.manager, person=person, worker=world.worker, started_on=timezone.localdate() - datetime.timedelta(weeks=6)
    )
    # One of each kind of record first: the timeline asks only the sources that have something
    # to show (one query each), so the count follows the kinds of record, never how many.
    ContactFactory.create(episode=episode)
    ReviewFactory.create(episode=episode)
    ReferralFactory.create(person=person)
    with django_assert_max_num_queries(25) as few:
        as_worker.get(f"/people/{person.pk}/")
    for _ in range(60):
        ContactFactory.create(episode=episode)
        ReviewFactory.create(episode=episode)
    for _ in range(5):
        ReferralFactory.create(person=person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_worker.get(f"/people/{person.pk}/")
