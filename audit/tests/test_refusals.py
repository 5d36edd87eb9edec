"""Refused requests leave a trace (issue 19 item 6), and a refused person page helps the worker
(issue 15): a gate's 404, a 403 and a failed emergency-access look-up are each recorded with who,
what and when; managers filter the trail for them; a burst shows on the manager's home page; the
404 offers emergency access without saying whether the person exists."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from markupsafe import escape
from pytest_django import Settings

from audit.models import AuditEvent
from conftest import World, sign_in
from enablement.tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db
REFUSED = AuditEvent.Action.REFUSED


def test_a_workers_404_on_another_workers_person_is_recorded(as_worker: Client, world: World) -> None:
    response = as_worker.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk}))
    assert response.status_code == 404
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.user == world.worker and str(event.person_id) == str(world.stranger.pk)
    assert event.detail["refused"] == "not_found" and event.detail["view"] == "people:detail"
    assert event.occurred_at is not None and event.path.startswith("/people/")


def test_a_post_to_another_workers_episode_is_recorded(as_worker: Client, world: World) -> None:
    episode = EpisodeFactory.create(person=world.stranger, worker=world.other_worker)
    response = as_worker.post(reverse("enablement:episode_end", kwargs={"episode_id": episode.pk}), {})
    assert response.status_code == 404
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.detail["method"] == "POST" and f"episode_id {episode.pk}" in event.detail["ids"]


def test_a_403_is_recorded(client: Client, world: World) -> None:
    sign_in(client, world.volunteer)
    assert client.get(reverse("audit:trail")).status_code == 403
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.user == world.volunteer and event.detail["refused"] == "forbidden"


def test_a_failed_emergency_access_look_up_is_recorded(as_worker: Client, world: World) -> None:
    response = as_worker.post(
        reverse("people:break_glass"),
        {
            "nhs_number": "999 000 0018",
            "family_name": "Nobody",
            "date_of_birth_day": "1",
            "date_of_birth_month": "1",
            "date_of_birth_year": "1980",
            "reason_code": "emergency",
            "reason": "Fishing for a record",
        },
    )
    assert "No single record matches those details" in response.content.decode()
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.user == world.worker and event.reason == "Fishing for a record"
    assert event.detail["refused"] == "emergency_access_not_matched"
    assert event.detail["looked_for"]["family_name"] == "Nobody"


def test_managers_filter_the_trail_for_refusals(as_worker: Client, world: World) -> None:
    as_worker.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk}))
    as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    manager = sign_in(Client(), world.manager)
    page = manager.get(reverse("audit:trail"), {"refused_only": "on"}).content.decode()
    assert "1 events" in page and "Refused access" in page and "Viewed" not in page


def test_a_burst_of_refusals_by_one_user_alerts_the_manager(as_worker: Client, world: World, settings: Settings) -> None:
    settings.STAR_REFUSAL_BURST = 5
    manager = sign_in(Client(), world.manager)
    assert 'data-testid="refusal-burst"' not in manager.get(reverse("home")).content.decode()
    for _ in range(5):
        as_worker.get(reverse("people:detail", kwargs={"person_id": uuid.uuid4()}))
    page = manager.get(reverse("home")).content.decode()
    assert 'data-testid="refusal-burst"' in page
    assert f"{escape(world.worker.display_name)} (STR worker)</a>: 5 refused" in page


def test_the_refused_page_offers_emergency_access_and_is_the_same_for_a_person_who_does_not_exist(as_worker: Client, world: World) -> None:
    hidden = as_worker.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk}))
    missing = as_worker.get(reverse("people:detail", kwargs={"person_id": uuid.uuid4()}))
    assert hidden.status_code == missing.status_code == 404
    body = hidden.content.decode()
    assert reverse("people:break_glass") in body and "Get emergency access to a record" in body
    assert escape(world.stranger.family_name) not in body
    tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # a fresh token on every page

    def strip(page: str) -> str:
        return tokens.sub("", page.replace(str(world.stranger.pk), "")).split("<main")[1]

    assert strip(body) == strip(missing.content.decode())


@override_settings(DEBUG=True)
def test_with_debug_on_the_refused_page_is_stars_own(as_worker: Client, world: World) -> None:
    response = as_worker.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk}))
    body = response.content.decode()
    assert response.status_code == 404
    assert "Get emergency access to a record" in body
    assert "URLconf" not in body and "Using the URLconf" not in body


def test_the_member_does_not_see_refusals_in_who_has_looked(client: Client, world: World) -> None:
    sign_in(Client(), world.worker).get(reverse("people:detail", kwargs={"person_id": world.member_person.pk}))
    assert AuditEvent.objects.filter(action=REFUSED, person_id=world.member_person.pk).exists()
    page = sign_in(client, world.member).get(reverse("portal:access_log")).content.decode()
    assert "Refused" not in page
