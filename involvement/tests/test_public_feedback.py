"""The public feedback form: no account, spam guards, one record per form, scripts shown as text."""

from __future__ import annotations

import datetime
import time
import uuid
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from conftest import World, sign_in
from core.working_days import add_working_days
from involvement.forms import STARTED_SALT
from involvement.models import ComplaintStatus, Feedback, FeedbackChannel

URL = "/feedback/"
pytestmark = pytest.mark.django_db


def started(seconds_ago: int = 60) -> str:
    """A form start time signed `seconds_ago` seconds in the past."""
    signer = signing.TimestampSigner(salt=STARTED_SALT)
    signer.timestamp = lambda: signing.b62_encode(int(time.time()) - seconds_ago)  # type: ignore[method-assign]
    return signer.sign(uuid.uuid4().hex)  # each form shown has its own start value


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "idea",
        "message": "Could the Tuesday drop-in open earlier?",
        "theme": "",
        "token": str(uuid.uuid4()),
        "started": started(),
    }
    data.update(overrides)
    return data


def test_the_form_needs_no_account(client: Client) -> None:
    page = client.get(URL).content.decode()
    assert "Tell us what you think" in page
    assert 'name="token"' in page and 'name="started"' in page
    assert "<div hidden>" in page  # the honeypot is hidden from people and screen readers


def test_a_member_of_the_public_sends_an_idea(client: Client) -> None:
    response = client.post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == reverse("involvement:feedback_thanks")
    feedback = Feedback.objects.get()
    assert feedback.channel == FeedbackChannel.PUBLIC_FORM and feedback.person is None and feedback.status == ""
    thanks = client.get(response["Location"]).content.decode()
    assert feedback.reference in thanks


def test_a_script_is_stored_as_typed_and_shown_as_text(client: Client, world: World) -> None:
    script = '<script>alert("x")</script> and <img src=x onerror=alert(1)>'
    client.post(URL, form_data(message=script))
    feedback = Feedback.objects.get()
    assert feedback.message == script
    sign_in(client, world.manager)
    for url in (reverse("involvement:feedback_detail", kwargs={"feedback_id": feedback.pk}), reverse("involvement:feedback_list")):
        page = client.get(url).content.decode()
        assert '<script>alert("x")' not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(" in page


def test_sending_the_same_form_twice_makes_one_record(client: Client) -> None:
    data = form_data()
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert Feedback.objects.count() == 1


def test_a_filled_honeypot_is_thanked_and_dropped(client: Client) -> None:
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_a_form_sent_too_fast_is_refused_and_keeps_what_was_typed(client: Client, settings: Settings) -> None:
    settings.STAR_PUBLIC_FORM_MINIMUM_SECONDS = 3
    fresh = started(seconds_ago=1)
    response = client.post(URL, form_data(started=fresh, message="My idea"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check what you wrote, then press Send again" in page
    assert "My idea" in page
    assert not Feedback.objects.exists()
    assert f'value="{fresh}"' not in page and 'name="started"' in page  # a new start time, so the next send works


def test_a_forged_start_time_is_refused(client: Client) -> None:
    response = client.post(URL, form_data(started="form:forged:nope"))
    assert "Something went wrong with the form" in response.content.decode()
    assert not Feedback.objects.exists()


def test_too_many_sends_from_one_address_are_refused(client: Client, settings: Settings) -> None:
    settings.STAR_PUBLIC_FORM_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, form_data()).status_code == 302
    response = client.post(URL, form_data())
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Feedback.objects.count() == 2


def test_an_empty_form_says_what_to_do(client: Client) -> None:
    response = client.post(URL, {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select what you would like to tell us" in page
    assert "Tell us what you think" in page
    assert not Feedback.objects.exists()


def test_a_message_that_is_too_long_is_refused(client: Client) -> None:
    response = client.post(URL, form_data(message="x" * 5001))
    assert "Keep it to 5,000 characters or fewer" in response.content.decode()


@pytest.mark.parametrize(
    ("about_personal_information", "acknowledge_days"),
    [(False, None), (True, 30)],
    ids=["ordinary complaint", "data-protection complaint"],
)
def test_a_complaint_gets_its_deadlines(client: Client, about_personal_information: bool, acknowledge_days: int | None) -> None:
    data = form_data(kind="complaint", message="Nobody rang me back")
    if about_personal_information:
        data["about_personal_information"] = "on"
    client.post(URL, data)
    complaint = Feedback.objects.get()
    today = timezone.localdate()
    assert complaint.status == ComplaintStatus.RECEIVED
    expected = today + datetime.timedelta(days=acknowledge_days) if acknowledge_days else add_working_days(today, 3)
    assert complaint.acknowledge_by == expected
    assert complaint.respond_by == max(expected, add_working_days(today, 20))
    assert complaint.status_changes.get().to_status == ComplaintStatus.RECEIVED
