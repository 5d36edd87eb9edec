"""Timeline sources are declared one way: each app's `timeline.py` exports `SOURCES`, and its
AppConfig.ready() registers them with `people.timeline.register_sources`."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, time, timedelta

import time_machine
from django.apps import apps
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from conftest import World
from enablement.services import open_episode
from enablement.tests.factories import ContactFactory
from people import timeline
from people.models import Person
from people.tests.factories import AlertFactory, CaseloadEntryFactory, ConsentFactory, PersonFactory
from referrals.tests.factories import ReferralFactory

EXPECTED = {
    "people": ["record", "alerts", "consents", "caseload"],
    "records": ["data_protection"],
    "outcomes": ["outcomes"],
    "referrals": ["referrals"],
    "enablement": ["episodes", "contacts", "reviews", "move_on"],
    "appointments": ["appointments"],
    "plans": ["plans", "goal_progress"],
    "safeguarding": ["risk", "safeguarding"],
    "community": ["community", "courses"],
    "involvement": ["involvement", "feedback"],
    "hub": ["signposting"],
    "volunteers": ["volunteering"],
    "choices": ["personal_budget", "work", "work_steps"],
    "interop": ["crisis_plan_sent", "historical_contact"],
    "notifications": ["messages"],
    "documents": ["documents"],
}
SHOWN_TO_MEMBER = {"record", "consents", "caseload", "appointments", "feedback", "volunteering", "crisis_plan_sent"}


def apps_with_a_timeline() -> dict[str, list[str]]:
    found = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.timeline")
        except ModuleNotFoundError:
            continue
        found[config.name] = [source.kind for source in module.SOURCES]
    return found


def test_each_app_declares_its_sources_in_timeline_py() -> None:
    assert apps_with_a_timeline() == EXPECTED


def test_every_declared_source_is_registered_and_nothing_else() -> None:
    registered = [source.kind for source in timeline.sources()]
    assert registered == [kind for kinds in EXPECTED.values() for kind in kinds]


def test_which_sources_a_member_sees_of_their_own_record() -> None:
    assert {source.kind for source in timeline.sources(for_member=True)} == SHOWN_TO_MEMBER


def test_every_source_that_reads_rows_says_where_its_newest_entry_is() -> None:
    """Otherwise it is asked on every page view, even for people who have nothing from it."""
    assert [source.kind for source in timeline.sources() if not source.newest] == ["record"]


# A fixed moment, so that the entries' order does not depend on when the test runs.
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def asking_every_source(person: Person, limit: int) -> list[timeline.TimelineEntry]:
    """What the timeline showed before it skipped sources: ask each, keep the newest `limit`."""
    entries = [entry for source in timeline.sources() for entry in source.entries(person, limit)]
    entries.sort(key=lambda entry: entry.occurred_at, reverse=True)
    return entries[:limit]


@time_machine.travel(NOON, tick=False)
def test_skipping_sources_shows_the_same_entries_in_the_same_order(world: World) -> None:
    person = someone_on_the_caseload_of(world.worker)
    now = timezone.now()
    episode = open_episode(by=world.manager, person=person, worker=world.worker, started_on=timezone.localdate() - timedelta(days=90))
    for days in range(0, 60, 3):
        ContactFactory.create(episode=episode, contact_date=timezone.localdate() - timedelta(days=days), start_time=time(21, 30))
    for days in range(1, 40, 7):
        alert = AlertFactory.create(person=person, raised_at=now - timedelta(days=days + 30))
        if days % 2:  # ended recently, long after it was raised: the newest entry is its ending
            alert.ended_at = now - timedelta(days=days)
            alert.save()
    for days in range(2, 30, 5):
        ConsentFactory.create(person=person, recorded_at=now - timedelta(days=days, hours=3))
    ReferralFactory.create(person=person)
    for limit in (1, 5, 12, 25, 50, 100):
        assert timeline.timeline_for(person, limit=limit) == asking_every_source(person, limit)


@time_machine.travel(NOON, tick=False)
def test_only_the_sources_with_entries_new_enough_are_asked(world: World, django_assert_num_queries: DjangoAssertNumQueries) -> None:
    person = someone_on_the_caseload_of(world.worker)
    for days in range(1, 11):
        ConsentFactory.create(person=person, recorded_at=timezone.now() - timedelta(days=days))
    AlertFactory.create(person=person, raised_at=timezone.now() - timedelta(days=30))
    # The newest moments (one query), then alerts, consents and caseload (the record needs no query);
    # none of the other sources has anything.
    with django_assert_num_queries(4):
        entries = timeline.timeline_for(person, limit=50)
    assert [entry.kind for entry in entries] == ["record", "caseload", *["consents"] * 10, "alerts"]
    # The record, the caseload entry and eight consents are newer than the alert: it is not asked.
    with django_assert_num_queries(3):
        entries = timeline.timeline_for(person, limit=10)
    assert [entry.kind for entry in entries] == ["record", "caseload", *["consents"] * 8]
    # Filtered to one kind: that source alone is asked, with no query for the newest moments.
    with django_assert_num_queries(1):
        entries = timeline.timeline_for(person, kinds={"consents"})
    assert [entry.kind for entry in entries] == ["consents"] * 10


def someone_on_the_caseload_of(worker: User) -> Person:
    """Made now (the record and the caseload entry are dated by the clock the test set)."""
    person = PersonFactory.create()
    CaseloadEntryFactory.create(person=person, worker=worker)
    return person
