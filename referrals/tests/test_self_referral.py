"""The public self-referral form: no account, spam kept out without puzzles, one referral per form."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from audit.models import AuditEvent
from people.models import Person
from referrals.forms import STARTED_SALT
from referrals.models import Referral

URL = "/refer-yourself/"


def started(seconds_ago: float = 60, token: str = "") -> str:
    """The start value the server would have put in a form shown `seconds_ago` (each form shown has its own)."""
    signer = signing.TimestampSigner(salt=STARTED_SALT)
    signer.timestamp = lambda: signing.b62_encode(int(time.time() - seconds_ago))  # type: ignore[method-assign]
    return signer.sign(uuid.uuid4().hex)


def answers(**changes: Any) -> dict[str, Any]:
    data = {
        "given_name": "Grace",
        "family_name": "Hopper",
        "date_of_birth_day": "9",
        "date_of_birth_month": "12",
        "date_of_birth_year": "1986",
        "phone": "07700 900123",
        "email": "",
        "reason": "I have been feeling low and I want to get out more.",
        "consent_given": "on",
        "website": "",
        "token": str(uuid.uuid4()),
    }
    data.update(changes)
    if "started" not in changes:
        data["started"] = started(token=data["token"])
    return data


@pytest.mark.django_db
def test_anyone_can_open_the_form_without_an_account(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ask for support" in body
    assert 'name="token"' in body and 'name="started"' in body
    assert "<div hidden>" in body, "the honeypot field is hidden from people"


@pytest.mark.django_db
def test_a_self_referral_creates_a_person_and_lands_in_the_triage_queue(client: Client) -> None:
    response = client.post(URL, answers())
    assert response.status_code == 302 and response["Location"] == reverse("referrals:self_referral_sent")
    referral = Referral.objects.get()
    assert referral.source == Referral.Source.SELF
    assert referral.status == Referral.Status.AWAITING_TRIAGE
    assert referral.person.full_name == "Grace Hopper"
    assert referral.reason_in_persons_words.startswith("I have been feeling low")
    history = list(referral.status_changes.all())
    assert [(h.from_status, h.to_status, h.changed_by) for h in history] == [("", "awaiting_triage", None)]
    assert referral.submitted_from and "127.0.0.1" not in referral.submitted_from
    assert AuditEvent.objects.filter(person_id=referral.person_id, action="create", object_type="referrals.referral").exists()
    # The person is on no one's caseload until a manager allocates them.
    assert not referral.person.caseload_entries.exists()


@pytest.mark.django_db
def test_the_confirmation_says_what_happens_next_and_by_when(client: Client, settings: Settings) -> None:
    settings.STAR_TRIAGE_RESPONSE_WORKING_DAYS = 5
    client.post(URL, answers())
    referral = Referral.objects.get()
    page = client.get(reverse("referrals:self_referral_sent")).content.decode()
    assert referral.reference in page
    assert "What happens next" in page
    assert "We will get in touch with you by" in page


@pytest.mark.django_db
def test_a_double_submitted_form_makes_one_referral(client: Client) -> None:
    data = answers()
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert Referral.objects.count() == 1
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_without_consent_nothing_is_saved_and_the_message_says_what_to_do(client: Client) -> None:
    data = answers()
    del data["consent_given"]
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "Tick the box to say you agree to us getting in touch" in response.content.decode()
    assert Referral.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.django_db
def test_a_way_to_get_in_touch_is_needed(client: Client) -> None:
    response = client.post(URL, answers(phone="", email=""))
    assert "Enter a phone number or an email address" in response.content.decode()
    assert Referral.objects.count() == 0


@pytest.mark.django_db
def test_a_filled_honeypot_is_quietly_dropped(client: Client) -> None:
    response = client.post(URL, answers(website="http://spam.example"))
    assert response.status_code == 302
    assert Referral.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("stamp", ["just now", "forged-value", ""])
def test_a_form_sent_too_fast_or_with_a_forged_start_is_refused(client: Client, stamp: str) -> None:
    response = client.post(URL, answers(started=started(seconds_ago=0) if stamp == "just now" else stamp))
    assert response.status_code == 200
    assert "Check your answers, then send the form again" in response.content.decode()
    assert Referral.objects.count() == 0


@pytest.mark.django_db
def test_senders_are_limited_per_hour(client: Client, settings: Settings) -> None:
    settings.STAR_SELF_REFERRALS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, answers()).status_code == 302
    response = client.post(URL, answers())
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert Referral.objects.count() == 2


@pytest.mark.django_db
def test_the_limit_forgets_old_sends(client: Client, settings: Settings) -> None:
    settings.STAR_SELF_REFERRALS_PER_HOUR = 1
    client.post(URL, answers())
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client.post(URL, answers()).status_code == 302
    assert Referral.objects.count() == 2
