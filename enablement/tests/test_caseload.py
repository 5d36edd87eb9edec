"""The worker's caseload page and the manager's overdue reviews: figures from the database, with
a bounded number of queries however big the caseload."""

from __future__ import annotations

import datetime
from typing import Protocol, cast

from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from enablement.access import caseload_overview
from enablement.models import Episode
from enablement.presenters import weeks_used_text
from enablement.tests.factories import ContactFactory, EpisodeFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory

TODAY = datetime.date(2026, 6, 15)


class OverviewRow(Protocol):
    """The figures `caseload_overview` annotates on each person (its return type, PersonQuerySet, does not say)."""

    episode_id: int | None
    days_used: datetime.timedelta | None
    next_review_on: datetime.date | None
    last_contact_on: datetime.date | None
    review_overdue: bool
    contact_overdue: bool
    past_planned_end: bool


def add_people(world: World, count: int) -> None:
    for _ in range(count):
        person = PersonFactory.create()
        CaseloadEntryFactory.create(person=person, worker=world.worker)
        episode = EpisodeFactory.create(person=person, worker=world.worker)
        ContactFactory.create(episode=episode)


def test_the_caseload_shows_weeks_used_next_review_last_contact_and_flags(world: World) -> None:
    started = TODAY - datetime.timedelta(weeks=5, days=2)
    episode = EpisodeFactory.create(
        person=world.caseload_person, worker=world.worker, started_on=started, next_review_on=TODAY - datetime.timedelta(days=3)
    )
    ContactFactory.create(episode=episode, contact_date=TODAY - datetime.timedelta(days=20))
    ContactFactory.create(episode=episode, contact_date=TODAY - datetime.timedelta(days=2), outcome="did_not_attend")
    row = cast("OverviewRow", caseload_overview(world.worker, today=TODAY).get())
    assert row.episode_id == episode.pk
    assert row.days_used == datetime.timedelta(weeks=5, days=2)
    assert row.next_review_on == TODAY - datetime.timedelta(days=3)
    assert row.last_contact_on == TODAY - datetime.timedelta(days=20), "a missed contact is not the last contact"
    assert row.review_overdue is True
    assert row.contact_overdue is True
    assert row.past_planned_end is False


def test_only_the_workers_own_caseload_is_shown(as_worker: Client, world: World) -> None:
    EpisodeFactory.create(person=world.stranger, worker=world.other_worker)
    body = as_worker.get("/enablement/caseload/").content.decode()
    assert "Ada Lovelace" in body and "Alan Turing" not in body
    assert AuditEvent.objects.filter(person_id=world.caseload_person.pk, detail__list="my_caseload").exists()
    assert not AuditEvent.objects.filter(person_id=world.stranger.pk).exists()


def test_the_caseload_page_costs_the_same_however_big_the_caseload(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    add_people(world, 2)
    with django_assert_max_num_queries(12) as few:
        as_worker.get("/enablement/caseload/")
    add_people(world, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = as_worker.get("/enablement/caseload/").content.decode()
    assert "23 people on your caseload" in body


def test_the_manager_sees_overdue_reviews_only(as_manager: Client, world: World) -> None:
    today = timezone.localdate()
    overdue = EpisodeFactory.create(person=world.stranger, worker=world.other_worker, next_review_on=today - datetime.timedelta(days=6))
    EpisodeFactory.create(person=world.caseload_person, worker=world.worker, next_review_on=today + datetime.timedelta(days=6))
    ended = EpisodeFactory.create(worker=world.worker, next_review_on=today - datetime.timedelta(days=30))
    Episode.objects.filter(pk=ended.pk).update(status=Episode.Status.ENDED)
    ContactFactory.create(episode=overdue, minutes=90)
    body = as_manager.get("/enablement/reviews/overdue/").content.decode()
    assert "Alan Turing" in body and "Ada Lovelace" not in body and escape(ended.person.full_name) not in body
    assert ">6<" in body.replace(" ", "").replace("\n", ""), "days overdue computed by the database"
    assert "1 hour 30 minutes" in body, "time per worker"


def test_overdue_reviews_cost_the_same_however_many(
    as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    past = timezone.localdate() - datetime.timedelta(days=2)
    EpisodeFactory.create(next_review_on=past)
    with django_assert_max_num_queries(12) as few:
        as_manager.get("/enablement/reviews/overdue/")
    for _ in range(20):
        ContactFactory.create(episode=EpisodeFactory.create(next_review_on=past))
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_manager.get("/enablement/reviews/overdue/")


def test_workers_cannot_see_the_managers_overdue_view(as_worker: Client) -> None:
    assert as_worker.get("/enablement/reviews/overdue/").status_code == 403


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=52))
def test_weeks_used_are_whole_weeks_of_the_plan(days: int, planned: int) -> None:
    assert weeks_used_text(datetime.timedelta(days=days), planned) == f"{days // 7} of {planned} weeks"
