"""Input that cannot spoof (issue 19 item 7): the public forms' spam guard cannot be replayed (the
server issues each form's token and takes each form once), and a line break in an activity's
name cannot break its public calendar feed."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from community.tests.factories import ActivityFactory, SessionFactory
from involvement.models import Feedback
from referrals.models import Referral

pytestmark = pytest.mark.django_db


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(rf'value="([^"]*)"[^>]*name="{name}"', page)
    assert found, name
    return found.group(1).replace("&amp;", "&")


@pytest.fixture(autouse=True)
def _fresh(settings: Any) -> None:
    cache.clear()
    settings.STAR_SELF_REFERRAL_MIN_SECONDS = 0
    settings.STAR_PUBLIC_FORM_MINIMUM_SECONDS = 0


def test_one_self_referral_form_cannot_be_replayed_with_new_tokens(client: Client) -> None:
    page = client.get("/refer-yourself/").content.decode()
    started = hidden(page, "started")
    answers = {
        "given_name": "Grace",
        "family_name": "Hopper",
        "phone": "07700 900123",
        "reason": "I would like some support",
        "consent_given": "on",
        "website": "",
        "started": started,
    }
    client.post("/refer-yourself/", {**answers, "token": hidden(page, "token")})
    for _ in range(3):
        Client().post("/refer-yourself/", {**answers, "token": str(uuid.uuid4())})
    assert Referral.objects.count() == 1


def test_one_feedback_form_cannot_be_replayed_but_a_double_click_is_one_record(client: Client) -> None:
    page = client.get("/feedback/").content.decode()
    data = {"kind": "idea", "message": "Open earlier on Tuesdays", "theme": "", "started": hidden(page, "started"), "website": ""}
    first = {**data, "token": hidden(page, "token")}
    assert client.post("/feedback/", first).status_code == 302
    assert client.post("/feedback/", first).status_code == 302  # the same form twice: one record
    replay = Client().post("/feedback/", {**data, "token": str(uuid.uuid4())})
    assert "This form has already been sent" in replay.content.decode()
    assert Feedback.objects.count() == 1


def test_a_line_break_in_an_activity_name_does_not_break_its_calendar(client: Client) -> None:
    activity = ActivityFactory(name="Walk\r\nBEGIN:VEVENT\nSUMMARY:Injected")
    SessionFactory(activity=activity)
    for url in (
        reverse("community:activity_calendar", kwargs={"activity_id": activity.pk}),
        reverse("community:project_calendar", kwargs={"project_id": activity.project_id}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert len(events) == 1 and "\n" not in str(events[0]["SUMMARY"])
