"""A resource's eligibility, cost, opening times, access features and languages: kept by staff
(conflict-checked), shown on the resource page, and read from ORUK feed fields."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from markupsafe import escape

from conftest import World, sign_in
from hub.feeds import read_service
from hub.models import AccessFeature, Resource
from hub.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def form_token(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert found, name
    return found.group(1)


def answers(**changes: Any) -> dict[str, Any]:
    data = {
        "name": "Debt clinic",
        "organisation_name": "Money Matters Birmingham",
        "category": "debt_money",
        "description": "Help with debts",
        "eligibility": "Adults in Birmingham",
        "cost": "Free",
        "opening_times": "Mondays, 10am to 2pm",
        "languages": "English, Urdu",
        "access_features": ["step_free", "hearing_loop"],
        "phone": "0121 496 0100",
        "email": "",
        "website": "",
        "address": "1 High Street",
        "postcode": "B13 9AB",
        "latitude": "",
        "longitude": "",
    }
    data.update(changes)
    return data


def test_a_manager_adds_access_features_and_the_public_page_shows_every_field(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    page = client.get(reverse("hub:resource_new")).content.decode()
    assert "Hearing loop" in page and 'type="checkbox"' in page
    response = client.post(reverse("hub:resource_new"), answers(submission_key=form_token(page, "submission_key")))
    assert response.status_code == 302
    resource = Resource.objects.get(name="Debt clinic")
    assert resource.access_features == ["step_free", "hearing_loop"]
    public = Client().get(reverse("hub:resource", kwargs={"resource_id": resource.pk})).content.decode()
    for text in ("Adults in Birmingham", "Free", "Mondays, 10am to 2pm", "English, Urdu", "Step-free access", "Hearing loop"):
        assert str(escape(text)) in public
    assert "Quiet space" not in public


def test_two_people_changing_access_features_at_once_never_overwrite_each_other(client: Client, world: World) -> None:
    resource = ResourceFactory.create(name="Debt clinic", access_features=["step_free"])
    other = world.manager.__class__.objects.create_user(username="manager2", password="x" * 20, role="manager", first_name="Mo")
    first, second = sign_in(client, world.manager), sign_in(Client(), other)
    url = reverse("hub:resource_edit", kwargs={"resource_id": resource.pk})
    first_token = form_token(first.get(url).content.decode(), "based_on")
    second_token = form_token(second.get(url).content.decode(), "based_on")
    base = answers(organisation_name=resource.organisation.name, access_features=["step_free"])
    assert first.post(url, {**base, "access_features": ["step_free", "bsl"], "based_on": first_token}).status_code == 302
    response = second.post(url, {**base, "access_features": [], "based_on": second_token})
    assert response.status_code == 200 and "Someone else saved changes while you were editing" in response.content.decode()
    resource.refresh_from_db()
    assert resource.access_features == ["step_free", "bsl"]


def test_oruk_fields_map_to_the_resource() -> None:
    record = read_service(
        {
            "id": "svc-1",
            "name": "Debt advice",
            "status": "active",
            "organization": {"id": "org-1", "name": "Money Matters"},
            "eligibility_description": "Adults over 18",
            "cost_options": [{"id": "c1", "option": "Free", "amount": 0}],
            "languages": [{"id": "l1", "name": "English"}, {"id": "l2", "name": "Polish"}],
            "schedules": [
                {"id": "s1", "byday": "MO,WE", "opens_at": "10:00:00", "closes_at": "14:00:00"},
                {"id": "s2", "description": "Evenings by appointment"},
            ],
            "service_at_locations": [
                {
                    "location": {
                        "addresses": [{"address_1": "1 High Street", "postal_code": "B13 9AB"}],
                        "accessibility": [
                            {"id": "a1", "description": "Wheelchair accessible entrance and a hearing loop at reception"},
                            {"id": "a2", "details": "Quiet room on request"},
                        ],
                    }
                }
            ],
        }
    )
    values = record.values
    assert values["eligibility"] == "Adults over 18"
    assert values["cost"] == "Free"
    assert values["languages"] == "English, Polish"
    assert values["opening_times"] == "Monday, Wednesday 10:00–14:00; Evenings by appointment"
    assert values["access_features"] == [AccessFeature.STEP_FREE, AccessFeature.HEARING_LOOP, AccessFeature.QUIET_SPACE]
    priced = read_service({"id": "x", "name": "Class", "organization": {"id": "o"}, "cost_options": [{"id": "c", "amount": 5}]})
    assert priced.values["cost"] == "£5.00"
