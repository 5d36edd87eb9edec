"""Notify's delivery receipts: authenticated by the bearer token, they set the message's status."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from conftest import World
from notifications import standin
from notifications.models import Message, Status
from notifications.services import send
from notifications.tests.factories import REMINDERS, TEXT, person_who_agreed

pytestmark = pytest.mark.django_db

REMINDER = {"activity": "Art group", "venue": "The Old Library", "date": "Tuesday 9 June", "time": "10:00"}


@pytest.fixture
def sent(world: World) -> Message:
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    return send(by=None, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")


def _receipt(client: Client, message: Message, status: str, token: str) -> int:
    body = {
        "id": message.notify_id,
        "reference": str(message.pk),
        "to": "07700 900123",
        "status": status,
        "created_at": "2026-06-08T10:00:00.000000Z",
        "completed_at": "2026-06-08T10:00:05.000000Z",
        "sent_at": "2026-06-08T10:00:01.000000Z",
        "notification_type": "sms",
    }
    response = client.post(
        reverse("notifications:delivery_receipt"), json.dumps(body), content_type="application/json", headers={"Authorization": token}
    )
    return response.status_code


def test_a_receipt_records_delivery(client: Client, sent: Message, settings: Settings) -> None:
    assert _receipt(client, sent, "delivered", f"Bearer {settings.STAR_NOTIFY_CALLBACK_TOKEN}") == 200
    sent.refresh_from_db()
    assert sent.status == Status.DELIVERED
    assert [change.status for change in sent.status_changes.all()] == [Status.CREATED, Status.SENDING, Status.DELIVERED]
    assert sent.status_changes.last().detail == "GOV.UK Notify reported delivered (at 2026-06-08 10:00:05 UTC)"  # type: ignore[union-attr]


def test_the_same_receipt_twice_changes_nothing(client: Client, sent: Message, settings: Settings) -> None:
    token = f"Bearer {settings.STAR_NOTIFY_CALLBACK_TOKEN}"
    _receipt(client, sent, "permanent-failure", token)
    _receipt(client, sent, "permanent-failure", token)
    sent.refresh_from_db()
    assert sent.status == Status.PERMANENT_FAILURE and sent.status_changes.count() == 3


@pytest.mark.parametrize("token", ["", "Bearer wrong", "Basic test"])
def test_a_receipt_without_the_token_is_refused(client: Client, sent: Message, token: str) -> None:
    assert _receipt(client, sent, "delivered", token) == 401
    sent.refresh_from_db()
    assert sent.status == Status.SENDING


def test_no_token_set_means_no_receipt_is_accepted(client: Client, sent: Message, settings: Settings) -> None:
    settings.STAR_NOTIFY_CALLBACK_TOKEN = ""
    assert _receipt(client, sent, "delivered", "Bearer ") == 401


def test_an_unknown_message_or_status(client: Client, sent: Message, settings: Settings) -> None:
    token = f"Bearer {settings.STAR_NOTIFY_CALLBACK_TOKEN}"
    assert _receipt(client, sent, "exploded", token) == 404
    sent.notify_id, sent.pk = "not-ours", "6a7bd1a0-0000-4000-8000-000000000000"
    assert _receipt(client, sent, "delivered", token) == 404


def test_the_stand_in_page_sends_a_receipt_as_notify_would(client: Client, sent: Message, world: World) -> None:
    from conftest import sign_in

    sign_in(client, world.manager)
    [item] = standin.sent()
    response = client.post(reverse("notifications:stand_in_receipt", kwargs={"notification_id": item.id}), {"status": "delivered"})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == Status.DELIVERED and standin.sent()[0].status == "delivered"


def test_a_get_with_the_token_is_refused(client: Client, settings: Settings) -> None:
    response = client.get(
        reverse("notifications:delivery_receipt"), headers={"Authorization": f"Bearer {settings.STAR_NOTIFY_CALLBACK_TOKEN}"}
    )
    assert response.status_code == 405
