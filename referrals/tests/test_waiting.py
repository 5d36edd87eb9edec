"""The waiting list against its target, and a manager allocating to an STR worker."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from audit.models import AuditEvent
from conftest import World
from enablement.models import Episode
from people.models import CaseloadEntry
from people.tests.factories import CaseloadEntryFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory


def test_the_waiting_list_shows_days_waiting_against_the_target(as_manager: Client, world: World, settings: Settings) -> None:
    settings.STAR_WAITING_TARGET_DAYS = 10
    now = timezone.now()
    over = ReferralFactory.create(status=Referral.Status.WAITING, received_at=now - timedelta(days=12))
    under = ReferralFactory.create(status=Referral.Status.WAITING, received_at=now - timedelta(days=3))
    ReferralFactory.create(received_at=now - timedelta(days=40))  # awaiting triage: not on the waiting list
    body = as_manager.get("/referrals/waiting/").content.decode()
    assert "within 10 days" in body
    assert body.index(over.reference) < body.index(under.reference)
    assert body.count("Over target") == 1
    assert "12 days" in body and "3 days" in body and "40 days" not in body


def test_workers_see_the_waiting_list_but_cannot_allocate(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create(status=Referral.Status.WAITING)
    body = as_worker.get("/referrals/waiting/").content.decode()
    assert referral.reference in body
    assert f"/referrals/{referral.pk}/allocate/" not in body
    assert as_worker.post(f"/referrals/{referral.pk}/allocate/", {"worker": world.worker.pk}).status_code == 403


def test_the_waiting_list_costs_the_same_however_long_it_is(
    as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    ReferralFactory.create(status=Referral.Status.WAITING)
    with django_assert_max_num_queries(12) as few:
        as_manager.get("/referrals/waiting/")
    for _ in range(30):
        ReferralFactory.create(status=Referral.Status.WAITING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_manager.get("/referrals/waiting/")


def test_the_manager_sees_each_workers_caseload_size(as_manager: Client, world: World) -> None:
    for _ in range(2):
        CaseloadEntryFactory.create(worker=world.worker)
    CaseloadEntryFactory.create(worker=world.worker, ended_at=timezone.now())  # ended: does not count
    referral = ReferralFactory.create(status=Referral.Status.WAITING)
    body = as_manager.get(f"/referrals/{referral.pk}/allocate/").content.decode()
    assert "Sam" in body and "(3 people on their caseload)" in body  # Ada plus two
    assert "(1 person on their caseload)" in body  # the other worker has the stranger


def test_allocation_creates_the_caseload_relationship_and_opens_an_episode(as_manager: Client, world: World, settings: Settings) -> None:
    settings.STAR_EPISODE_WEEKS = 10
    settings.STAR_REVIEW_WEEKS = 3
    referral = ReferralFactory.create(status=Referral.Status.WAITING)
    person = referral.person
    response = as_manager.post(f"/referrals/{referral.pk}/allocate/", {"worker": world.worker.pk})
    episode = Episode.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == f"/enablement/episodes/{episode.pk}/"
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ALLOCATED and referral.allocated_to == world.worker
    entry = CaseloadEntry.objects.get(person=person, worker=world.worker)
    assert entry.source == CaseloadEntry.Source.ALLOCATION and entry.added_by == world.manager
    today = timezone.localdate()
    assert episode.worker == world.worker and episode.referral == referral and episode.is_open
    assert episode.planned_weeks == 10 and episode.planned_end_on == today + timedelta(weeks=10)
    assert episode.next_review_on == today + timedelta(weeks=3)
    assert [c.to_status for c in episode.status_changes.all()] == ["open"]
    assert [c.to_status for c in referral.status_changes.all()][-1] == "allocated"
    assert AuditEvent.objects.filter(person_id=person.pk, action="caseload_added").exists()
    # The worker can now open the record: normal caseload rules apply.
    from conftest import sign_in

    sign_in(as_manager, world.worker)
    assert as_manager.get(f"/people/{person.pk}/").status_code == 200


def test_a_worker_must_be_chosen(as_manager: Client, world: World) -> None:
    referral = ReferralFactory.create(status=Referral.Status.WAITING)
    response = as_manager.post(f"/referrals/{referral.pk}/allocate/", {})
    assert "Select a worker" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WAITING


def test_only_str_workers_can_be_allocated(as_manager: Client, world: World) -> None:
    referral = ReferralFactory.create(status=Referral.Status.WAITING)
    response = as_manager.post(f"/referrals/{referral.pk}/allocate/", {"worker": world.volunteer.pk})
    assert "Select a worker from the list" in response.content.decode()
    assert not Episode.objects.exists()


def test_a_referral_cannot_be_allocated_twice(as_manager: Client, world: World) -> None:
    referral = ReferralFactory.create(status=Referral.Status.WAITING)
    as_manager.post(f"/referrals/{referral.pk}/allocate/", {"worker": world.worker.pk})
    response = as_manager.post(f"/referrals/{referral.pk}/allocate/", {"worker": world.other_worker.pk})
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/"
    assert Episode.objects.count() == 1
    assert not CaseloadEntry.objects.filter(person=referral.person, worker=world.other_worker).exists()


def test_the_manager_home_page_counts_referrals_awaiting_triage_and_overdue_reviews(as_manager: Client, world: World) -> None:
    from enablement.tests.factories import EpisodeFactory

    ReferralFactory.create()
    ReferralFactory.create()
    EpisodeFactory.create(next_review_on=timezone.localdate() - timedelta(days=1))
    body = as_manager.get("/").content.decode()
    assert 'star-today__count">2</strong> <a href="/referrals/triage/">Referrals waiting for triage' in body.replace(
        reverse("referrals:triage_queue"), "/referrals/triage/"
    )
    assert 'star-today__count">1</strong> <a href="/reviews/">1-to-1 reviews overdue' in body.replace(
        reverse("enablement:overdue_reviews"), "/reviews/"
    )
