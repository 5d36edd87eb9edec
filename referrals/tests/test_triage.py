"""Triage: the queue oldest first with the wait computed by the database, the decision, and the
transitions that must be refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from referrals import services
from referrals.models import Referral, ReferralHistoryIsImmutable, ReferralStatusChange
from referrals.models.referral import IllegalTransition
from referrals.tests.factories import ReferralFactory


def triage_answers(**changes: Any) -> dict[str, Any]:
    data = {
        "complexity": "2",
        "risk_to_self": "no",
        "risk_to_others": "no",
        "risk_from_others": "no",
        "recent_crisis": "yes",
        "risk_notes": "Left hospital in October",
        "decision": Referral.Decision.ENABLEMENT,
        "signposted_to": "",
        "decision_reason": "",
    }
    data.update(changes)
    return data


def test_the_queue_is_oldest_first_with_how_long_each_has_waited(as_worker: Client, world: World) -> None:
    now = timezone.now()
    newer = ReferralFactory.create(person=world.stranger, received_at=now - timedelta(days=2))
    older = ReferralFactory.create(person=world.caseload_person, received_at=now - timedelta(days=9, hours=1))
    ReferralFactory.create(status=Referral.Status.WAITING, received_at=now - timedelta(days=30))
    response = as_worker.get("/referrals/triage/")
    body = response.content.decode()
    assert older.reference in body and newer.reference in body
    assert body.index(older.reference) < body.index(newer.reference), "oldest first"
    assert body.index("9 days") < body.index("2 days")
    assert "30 days" not in body, "only referrals awaiting triage"
    # Triage is service-wide: the worker sees the stranger's referral in the queue...
    assert "Alan Turing" in body
    # ...and each person listed is audited.
    assert AuditEvent.objects.filter(person_id=world.stranger.pk, detail__list="triage_queue").exists()


def test_the_queue_costs_the_same_however_long_it_is(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(3):
        ReferralFactory.create()
    with django_assert_max_num_queries(12) as few:
        as_worker.get("/referrals/triage/")
    for _ in range(30):
        ReferralFactory.create()
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_worker.get("/referrals/triage/")


def test_the_referral_page_links_to_the_record_only_when_the_worker_may_open_it(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create(person=world.stranger)
    body = as_worker.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Triage this referral" in body
    assert f"/people/{world.stranger.pk}/" not in body
    assert as_worker.get(f"/people/{world.stranger.pk}/").status_code == 404
    mine = ReferralFactory.create(person=world.caseload_person)
    assert f"/people/{world.caseload_person.pk}/" in as_worker.get(f"/referrals/{mine.pk}/").content.decode()


def test_a_decided_referral_for_someone_else_cannot_be_seen(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create(person=world.stranger, status=Referral.Status.DECLINED)
    assert as_worker.get(f"/referrals/{referral.pk}/").status_code == 404
    assert as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers()).status_code == 404


def test_triage_accepts_for_enablement_with_a_history_row(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create(person=world.stranger)
    response = as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers())
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WAITING
    assert referral.complexity == 2 and referral.recent_crisis is True and referral.risk_to_self is False
    assert referral.triaged_by == world.worker
    last = referral.status_changes.last()
    assert last is not None and (last.from_status, last.to_status, last.changed_by) == ("awaiting_triage", "waiting", world.worker)
    assert AuditEvent.objects.filter(object_id=str(referral.pk), action="update", detail__triaged="enablement").exists()


def test_declining_needs_a_reason_the_referrer_is_told(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create()
    response = as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers(decision=Referral.Decision.DECLINE))
    assert "Enter the reason for declining. The referrer will be told it" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.AWAITING_TRIAGE
    as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers(decision="decline", decision_reason="Needs a drug service first"))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED and referral.decision_reason == "Needs a drug service first"


def test_signposting_names_where_to(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create()
    response = as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers(decision=Referral.Decision.SIGNPOST))
    assert "Enter the drop-in, group or service" in response.content.decode()
    as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers(decision="signpost", signposted_to="Craft drop-in"))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SIGNPOSTED


def test_a_referral_cannot_be_triaged_twice(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create(status=Referral.Status.SIGNPOSTED, person=world.caseload_person)
    response = as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers())
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SIGNPOSTED
    with pytest.raises(IllegalTransition):
        services.triage_referral(referral=referral, by=world.worker, **services_answers())


def services_answers() -> dict[str, Any]:
    return {
        "complexity": 1,
        "risk_to_self": False,
        "risk_to_others": False,
        "risk_from_others": False,
        "recent_crisis": False,
        "risk_notes": "",
        "decision": Referral.Decision.ENABLEMENT,
    }


def test_an_untriaged_referral_cannot_be_allocated(world: World) -> None:
    referral = ReferralFactory.create()
    with pytest.raises(IllegalTransition):
        services.allocate_referral(referral=referral, by=world.manager, worker=world.worker)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.AWAITING_TRIAGE
    assert not referral.person.caseload_entries.filter(worker=world.worker).exists()


@given(st.sampled_from(["", *Referral.Status.values]), st.sampled_from(Referral.Status.values))
def test_the_state_machine_allows_only_the_pathway(from_status: str, to_status: str) -> None:
    pathway = {
        ("", "awaiting_triage"),
        ("awaiting_triage", "waiting"),
        ("awaiting_triage", "signposted"),
        ("awaiting_triage", "elsewhere"),
        ("awaiting_triage", "declined"),
        ("awaiting_triage", "withdrawn"),
        ("waiting", "allocated"),
        ("waiting", "withdrawn"),
    }
    assert services.can_move(from_status, to_status) == ((from_status, to_status) in pathway)


def test_status_history_cannot_be_changed_or_removed(world: World) -> None:
    referral = ReferralFactory.create()
    change = referral.status_changes.get()
    change.note = "rewritten"
    with pytest.raises(ReferralHistoryIsImmutable):
        change.save()
    with pytest.raises(ReferralHistoryIsImmutable):
        change.delete()
    with pytest.raises(ReferralHistoryIsImmutable):
        ReferralStatusChange.objects.filter(pk=change.pk).update(note="x")
    with pytest.raises(ReferralHistoryIsImmutable):
        ReferralStatusChange.objects.all().delete()


def test_withdrawing_a_waiting_referral_is_recorded(world: World) -> None:
    referral = ReferralFactory.create(status=Referral.Status.WAITING)
    services.withdraw_referral(referral=referral, by=world.manager, reason="Moved away")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN
    last = referral.status_changes.last()
    assert last is not None and last.note == "Moved away"


def test_a_declined_referral_shows_the_reason_to_tell_the_referrer(as_manager: Client, world: World) -> None:
    referral = ReferralFactory.create(status=Referral.Status.DECLINED, decision="decline", decision_reason="Needs a drug service first")
    body = as_manager.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Tell the referrer the outcome." in body and "Needs a drug service first" in body and "Dr Priya Shah" in body


def test_a_manager_is_offered_allocation_straight_after_a_1_to_1_decision(client: Client, world: World) -> None:
    from conftest import sign_in

    referral = ReferralFactory.create()
    sign_in(client, world.manager)
    response = client.post(f"/referrals/{referral.pk}/triage/", triage_answers())
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/allocate/?from=triage"
    page = client.get(response["Location"]).content.decode()
    assert "Allocate to an STR worker" in page and "Allocate later: back to the triage queue" in page


def test_a_worker_who_cannot_allocate_goes_back_to_the_queue(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create()
    response = as_worker.post(f"/referrals/{referral.pk}/triage/", triage_answers())
    assert response["Location"] == "/referrals/triage/" or "allocate" not in response["Location"]
