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
from django.utils import timezone
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
    activity = ActivityFactory.create(name="Walk\r\nBEGIN:VEVENT\nSUMMARY:Injected")
    SessionFactory.create(activity=activity)
    for url in (
        reverse("community:activity_calendar", kwargs={"activity_id": activity.pk}),
        reverse("community:project_calendar", kwargs={"project_id": activity.project_id}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert len(events) == 1 and "\n" not in str(events[0]["SUMMARY"])


RLO = "\u202e"  # right-to-left override: "Ann\u202eenaj" shows as "Annjane"
ZWSP = "\u200b"


def test_the_staff_referral_form_refuses_direction_and_invisible_characters(as_worker: Client) -> None:
    from people.models import Person
    from referrals.tests.test_intake import URL, answers

    before = Person.objects.count()
    for name in (f"Hop{RLO}per", f"Hop{ZWSP}per", "Hop\nper"):
        page = as_worker.post(URL, answers(family_name=name)).content.decode()
        assert "Remove the hidden or direction-changing characters" in page
    assert Person.objects.count() == before and not Referral.objects.exists()


def test_the_public_form_refuses_them_too(client: Client) -> None:
    from referrals.tests.test_self_referral import answers

    page = client.post("/refer-yourself/", answers(given_name=f"Gr{ZWSP}ace")).content.decode()
    assert "Remove the hidden or direction-changing characters" in page and not Referral.objects.exists()


def test_the_api_and_fhir_refuse_them(client: Client, world: Any) -> None:
    import json

    from interop.tests.factories import bearer, make_token
    from interop.tests.test_fhir_import import URL as FHIR_URL
    from interop.tests.test_fhir_import import sample_bundle

    secret = make_token(account=world.manager, scopes=["referrals:write"])[1]
    authorised: dict[str, Any] = bearer(secret)  # extra WSGI keys, as the test client takes them
    body = {"person": {"given_name": "Grace", "family_name": f"Hop{RLO}per"}, "source": "gp", "consent_given": True}
    assert client.post("/api/v1/referrals/", json.dumps(body), content_type="application/json", **authorised).status_code == 400
    bundle = sample_bundle(name=[{"use": "official", "family": f"Hop{RLO}per", "given": ["Grace"]}])
    response = client.post(FHIR_URL, json.dumps(bundle), content_type="application/fhir+json", **authorised)
    assert response.status_code == 400 and not Referral.objects.exists()


def test_imports_refuse_them_and_names_are_kept_in_one_unicode_form(world: Any) -> None:

    from core.text import spoofing_characters
    from interop.legacy.validation import TargetField, _check_value
    from people.tests.factories import PersonFactory

    problems: list[str] = []
    _check_value(
        TargetField("family_name", "Last name", max_length=100), f"Hop{RLO}per", lambda _, m: problems.append(m), timezone.localdate()
    )
    assert problems and "direction-changing" in problems[0]
    person = PersonFactory.create(given_name="Zoe\u0308")  # "e" and a combining diaeresis
    person.refresh_from_db()
    assert person.given_name == "Zo\u00eb"
    assert spoofing_characters("\u0645\u0647\u200c\u0631\u062e") == []  # a Persian name's zero-width non-joiner is kept
