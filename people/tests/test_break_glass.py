"""Emergency access: a reason is required, exactly one grant and one audit event, time-limited,
never a way to browse records, and reviewed by a manager."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from conftest import World, without_tokens
from people.access import people_visible_to
from people.models import BreakGlassGrant
from people.tests.factories import PersonFactory


def request_access(client: Client, **overrides: Any) -> Any:
    data = {"reason_code": "emergency", "reason": "They phoned the office in crisis and their worker is away"}
    data.update(overrides)
    return client.post(reverse("people:break_glass"), data)


def test_break_glass_with_a_reason_gives_time_limited_access(as_worker: Client, world: World) -> None:
    response = request_access(as_worker, nhs_number=world.stranger.nhs_number)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": world.stranger.pk})
    grant = BreakGlassGrant.objects.get()
    assert grant.user == world.worker and grant.person == world.stranger
    assert timedelta(hours=23) < grant.expires_at - timezone.now() <= timedelta(hours=24)
    events = AuditEvent.objects.filter(action="break_glass")
    assert events.count() == 1
    assert "They phoned the office in crisis" in events.get().reason
    page = as_worker.get(response["Location"]).content.decode()
    assert "You are using emergency access" in page


def test_break_glass_without_a_reason_is_refused(as_worker: Client, world: World) -> None:
    response = request_access(as_worker, nhs_number=world.stranger.nhs_number, reason="")
    assert response.status_code == 200
    assert "Explain why you need emergency access" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    assert not AuditEvent.objects.filter(action="break_glass").exists()


def test_name_and_date_of_birth_work_when_they_match_exactly_one_person(as_worker: Client, world: World) -> None:
    born = world.stranger.date_of_birth
    assert born is not None
    response = request_access(
        as_worker, family_name="turing", date_of_birth_day=born.day, date_of_birth_month=born.month, date_of_birth_year=born.year
    )
    assert response.status_code == 302
    assert BreakGlassGrant.objects.get().person == world.stranger


def test_details_that_match_several_people_give_no_access_and_no_list(as_worker: Client, world: World) -> None:
    born = world.stranger.date_of_birth
    PersonFactory.create(family_name="Turing", date_of_birth=born)
    assert born is not None
    response = request_access(
        as_worker, family_name="Turing", date_of_birth_day=born.day, date_of_birth_month=born.month, date_of_birth_year=born.year
    )
    page = without_tokens(response.content.decode())
    assert "No single record matches those details" in page
    assert "Alan" not in page
    assert not BreakGlassGrant.objects.exists()


def test_access_ends_when_the_grant_expires(world: World) -> None:
    grant = BreakGlassGrant.objects.create(
        person=world.stranger, user=world.worker, reason_code="emergency", reason="test", expires_at=timezone.now() + timedelta(minutes=5)
    )
    assert people_visible_to(world.worker).filter(pk=world.stranger.pk).exists()
    BreakGlassGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not people_visible_to(world.worker).filter(pk=world.stranger.pk).exists()


@pytest.mark.parametrize("outcome", ["appropriate", "inappropriate"])
def test_a_manager_reviews_emergency_access(as_manager: Client, world: World, outcome: str) -> None:
    grant = BreakGlassGrant.objects.create(
        person=world.stranger, user=world.worker, reason_code="emergency", reason="test", expires_at=timezone.now() + timedelta(hours=1)
    )
    queue = as_manager.get(reverse("people:break_glass_queue")).content.decode()
    assert "1 waiting for review" in queue
    response = as_manager.post(reverse("people:break_glass_review", kwargs={"grant_id": grant.pk}), {"outcome": outcome, "note": "Checked"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == world.manager and grant.review_outcome == outcome
    assert AuditEvent.objects.filter(action="break_glass_review", person_id=world.stranger.pk).count() == 1
    assert "Nothing is waiting for review" in as_manager.get(reverse("people:break_glass_queue")).content.decode()
