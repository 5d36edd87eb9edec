"""Safeguarding concerns: raising one tells every active manager; closing needs an outcome."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in
from notifications.models import Message
from safeguarding import services
from safeguarding.models import ConcernStatus, ConcernStatusChange, SafeguardingConcern
from safeguarding.models.concerns import ConcernError
from safeguarding.tests.factories import SafeguardingConcernFactory


def _concern_form(**overrides: str) -> dict[str, str]:
    return {
        "category": "financial",
        "what_happened": "Their lodger takes their bank card every Friday",
        "action_taken": "Talked it through; they want help to stop it",
        "persons_wishes": "Wants the lodger to leave",
        "referred": "no",
        **overrides,
    }


def test_raising_a_concern_emails_every_active_manager(
    as_worker: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    world.manager.email = "manager@example.org"
    world.manager.save()
    UserFactory.create(role=Role.MANAGER, email="deputy@example.org")
    UserFactory.create(role=Role.MANAGER, email="left@example.org", is_active=False)
    UserFactory.create(role=Role.STR_WORKER, email="worker@example.org")
    url = reverse("safeguarding:concern_new", kwargs={"person_id": world.caseload_person.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = as_worker.post(url, _concern_form())
    assert response.status_code == 302
    concern = SafeguardingConcern.objects.get()
    assert concern.status == ConcernStatus.OPEN and concern.raised_by == world.worker
    assert ConcernStatusChange.objects.filter(concern=concern, status=ConcernStatus.OPEN).count() == 1
    assert sorted(address for message in mail.outbox for address in message.to) == ["deputy@example.org", "manager@example.org"]
    body = mail.outbox[0].body
    assert reverse("safeguarding:concern_detail", kwargs={"person_id": world.caseload_person.pk, "concern_id": concern.pk}) in body
    assert "Lovelace" not in body and "lodger" not in body  # the email names no one and tells nothing
    assert Message.objects.filter(template__code="safeguarding_concern").count() == 2  # through notifications
    assert AuditEvent.objects.filter(object_type="safeguarding.safeguardingconcern", action="create").exists()


def test_open_concerns_show_on_the_managers_home_page(
    as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    SafeguardingConcernFactory.create(person=world.caseload_person)
    closed = SafeguardingConcernFactory.create(person=world.stranger, status=ConcernStatus.CLOSED)
    for _ in range(12):
        SafeguardingConcernFactory.create(person=world.member_person)
    with django_assert_max_num_queries(20):
        text = as_manager.get(reverse("home")).content.decode()
    assert "Open safeguarding concerns (13)" in text
    assert "Ada Lovelace: financial or material abuse" in text
    assert reverse("safeguarding:concern_detail", kwargs={"person_id": world.stranger.pk, "concern_id": closed.pk}) not in text
    assert "See all 13 open concerns" in text


def test_a_referral_to_the_local_authority_needs_its_date(as_worker: Client, world: World) -> None:
    url = reverse("safeguarding:concern_new", kwargs={"person_id": world.caseload_person.pk})
    text = as_worker.post(url, _concern_form(referred="yes", referral_reference="BCC-123")).content.decode()
    assert "Enter the date of the referral to the local authority" in text
    assert not SafeguardingConcern.objects.exists()
    del_category = _concern_form()
    del del_category["category"]
    assert "Choose the kind of abuse or neglect" in as_worker.post(url, del_category).content.decode()


def test_closing_needs_an_outcome_and_leaves_a_history_row(as_worker: Client, world: World) -> None:
    concern = SafeguardingConcernFactory.create(person=world.caseload_person)
    url = reverse("safeguarding:concern_update", kwargs={"person_id": world.caseload_person.pk, "concern_id": concern.pk})
    today = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "referred": "yes",
        "referral_date_day": str(today.day),
        "referral_date_month": str(today.month),
        "referral_date_year": str(today.year),
        "referral_reference": "BCC-123",
        "status": "closed",
    }
    assert "Enter the outcome before closing the concern" in as_worker.post(url, data).content.decode()
    response = as_worker.post(url, {**data, "outcome": "Lodger moved out; bank card replaced", "note": "Agreed with the person"})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED and concern.referral_reference == "BCC-123"
    statuses = list(ConcernStatusChange.objects.filter(concern=concern).order_by("changed_at", "id").values_list("status", "changed_by"))
    assert statuses == [(ConcernStatus.OPEN, concern.raised_by_id), (ConcernStatus.CLOSED, world.worker.pk)]
    detail = as_worker.get(response["Location"]).content.decode()
    assert "Lodger moved out" in detail and "Agreed with the person" in detail


def test_illegal_transition_is_refused(world: World) -> None:
    concern = SafeguardingConcernFactory.create(person=world.caseload_person)
    with pytest.raises(ConcernError):
        services.update_safeguarding_concern(
            by=world.worker,
            concern=concern,
            referred_to_local_authority=False,
            referral_date=None,
            referral_reference="",
            outcome="",
            status="pending",
        )


def test_a_stranger_concern_is_not_found(client: Client, world: World) -> None:
    concern = SafeguardingConcernFactory.create(person=world.stranger)
    sign_in(client, world.worker)
    for name in ("safeguarding:concern_detail", "safeguarding:concern_update"):
        assert client.get(reverse(name, kwargs={"person_id": world.stranger.pk, "concern_id": concern.pk})).status_code == 404
    response = client.post(reverse("safeguarding:concern_new", kwargs={"person_id": world.stranger.pk}), _concern_form())
    assert response.status_code == 404
    assert SafeguardingConcern.objects.count() == 1


def test_a_double_submitted_concern_is_saved_and_announced_once(
    as_worker: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    world.manager.email = "manager@example.org"
    world.manager.save()
    url = reverse("safeguarding:concern_new", kwargs={"person_id": world.caseload_person.pk})
    data = _concern_form(submission_key=str(uuid.uuid4()))  # the key the form carries
    with django_capture_on_commit_callbacks(execute=True):
        first = as_worker.post(url, data)
        second = as_worker.post(url, data)
    assert first["Location"] == second["Location"]
    assert SafeguardingConcern.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_closed_concern_can_be_reopened_with_a_history_row(world: World) -> None:
    concern = SafeguardingConcernFactory.create(person=world.caseload_person, status=ConcernStatus.CLOSED, outcome="Resolved")
    services.update_safeguarding_concern(
        by=world.manager,
        concern=concern,
        referred_to_local_authority=False,
        referral_date=None,
        referral_reference="",
        outcome="Resolved",
        status=ConcernStatus.OPEN,
        note="It has started again",
    )
    latest = ConcernStatusChange.objects.filter(concern=concern).order_by("-changed_at", "-id").first()
    assert latest is not None and (latest.status, latest.changed_by, latest.note) == (
        ConcernStatus.OPEN,
        world.manager,
        "It has started again",
    )
