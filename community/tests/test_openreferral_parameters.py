"""Open Referral UK 3.0 contract, per query parameter: every parameter in the vendored 3.0 OpenAPI
is honoured (it changes the answer) or refused with 400, on every endpoint; nothing of a closed
project is published; an ended course is `inactive`."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from community import openreferral as oruk
from community.models import Activity, ActivityKind
from community.tests.factories import ActivityFactory, ProjectFactory, ScheduleFactory, VenueFactory
from community.tests.test_openreferral import SCHEMAS, validate, validate_page

pytestmark = pytest.mark.django_db

OPENAPI = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
SPEC_PARAMETERS = sorted(p["name"] for p in OPENAPI["components"]["parameters"].values())

# A value for each parameter that changes the answer with the `world` below, if it is honoured.
SAMPLES = {
    "search": "nothing-is-called-this",
    "page": "9",
    "per_page": "1",
    "minimal": "true",
    "full": "true",
    "modified_after": "2999-01-01T00:00:00Z",
    "taxonomy_term_id": str(uuid.uuid4()),
    "taxonomy_id": str(uuid.uuid4()),
    "organization_id": str(uuid.uuid4()),
    "full_service": "true",
    "postcode": "B13 9AB",
    "proximity": "1",
    "format": "ndjson",
    "minimum_age": "18",
    "maximum_age": "65",
    "start_time": "23:59",
    "end_time": "00:01",
    "day": "SU",
}


@pytest.fixture
def world_of_projects(db: None) -> dict[str, Any]:
    open_project = ProjectFactory.create(name="Moseley Peer Network")
    other_project = ProjectFactory.create(name="Handsworth Hearing Voices")
    closed = ProjectFactory.create(name="Closed Allotment Project", is_active=False)
    shared_venue = VenueFactory.create(name="Moseley Exchange", postcode="B13 8JP")
    closed_only_venue = VenueFactory.create(name="The Old Allotment Shed", postcode="B20 2AA")
    drop_in = ActivityFactory.create(project=open_project, venue=shared_venue, name="Tuesday drop-in")
    ScheduleFactory.create(activity=drop_in, weekday=1)
    group = ActivityFactory.create(project=other_project, venue=shared_venue, name="Hearing voices group", kind=ActivityKind.GROUP)
    ScheduleFactory.create(activity=group, weekday=3)
    ActivityFactory.create(
        project=other_project, venue=VenueFactory.create(name="Handsworth Library", postcode="B21 9ED"), name="Library walk"
    )
    closed_activity = ActivityFactory.create(project=closed, venue=closed_only_venue, name="Allotment mornings")
    ScheduleFactory.create(activity=closed_activity, weekday=2)
    ActivityFactory.create(project=closed, venue=shared_venue, name="Closed project's drop-in")
    return {
        "open": open_project,
        "other": other_project,
        "closed": closed,
        "shared_venue": shared_venue,
        "closed_only_venue": closed_only_venue,
        "drop_in": drop_in,
        "group": group,
        "closed_activity": closed_activity,
    }


def get(client: Client, path: str) -> tuple[int, Any]:
    response = client.get(f"/openreferral{path}")
    return response.status_code, response.json()


def _endpoints(w: dict[str, Any]) -> list[str]:
    return [
        "/",
        "/services",
        f"/services/{w['drop_in'].pk}",
        "/service_at_locations",
        f"/service_at_locations/{w['drop_in'].service_at_location_id}",
        "/organizations",
        f"/organizations/{w['open'].pk}",
        "/locations",
        f"/locations/{w['shared_venue'].pk}",
        "/taxonomies",
        f"/taxonomies/{oruk.TAXONOMY_ID}",
        "/taxonomy_terms",
        f"/taxonomy_terms/{oruk.taxonomy_terms()[0].id}",
    ]


def test_every_parameter_of_the_openapi_has_a_sample() -> None:
    assert set(SPEC_PARAMETERS) == set(SAMPLES)


@pytest.mark.parametrize("name", SPEC_PARAMETERS)
def test_each_openapi_parameter_is_honoured_or_refused_on_every_endpoint(
    client: Client, world_of_projects: dict[str, Any], name: str
) -> None:
    for path in _endpoints(world_of_projects):
        status, baseline = get(client, path)
        assert status == 200, path
        query = f"{SAMPLES[name]}" if name != "proximity" else "1&postcode=B13%209AB"
        status, body = get(client, f"{path}?{name}={query.replace(' ', '%20')}")
        if status == 400:
            assert body["code"] == 400 and (name in body["message"] or "postcode" in body["message"]), (path, body)
            continue
        assert status == 200, (path, name, body)
        if name == "per_page" and baseline.get("total_items") == 1:
            assert body["size"] == 1  # one item: one to a page changes nothing to see
            continue
        assert body != baseline, f"{path}?{name} was accepted but changed nothing"


def test_an_unknown_parameter_is_400_naming_what_is_understood(client: Client, world_of_projects: dict[str, Any]) -> None:
    status, body = get(client, "/services?colour=blue")
    assert status == 400 and "'colour'" in body["message"] and "modified_after" in body["message"]
    status, body = get(client, f"/services/{world_of_projects['drop_in'].pk}?full=true")
    assert status == 400 and "'full'" in body["message"]


@pytest.mark.parametrize("name", ["minimum_age", "maximum_age"])
def test_age_filters_are_refused_with_the_reason(client: Client, world_of_projects: dict[str, Any], name: str) -> None:
    for path in ("/services", "/service_at_locations"):
        status, body = get(client, f"{path}?{name}=18")
        assert status == 400 and "no age limits" in body["message"]


def _names(body: dict[str, Any]) -> set[str]:
    return {item.get("name") or item.get("service", {}).get("name") for item in body["contents"]}


def test_modified_after(client: Client, world_of_projects: dict[str, Any]) -> None:
    long_ago = timezone.now() - timedelta(days=400)
    Activity.objects.filter(pk=world_of_projects["group"].pk).update(updated_at=long_ago)
    since = (timezone.now() - timedelta(days=30)).date().isoformat()
    for path in ("/services", "/service_at_locations"):
        _, body = get(client, f"{path}?modified_after={since}")
        assert _names(body) == {"Tuesday drop-in", "Library walk"}
    _, body = get(client, f"/services?modified_after={(long_ago - timedelta(days=1)).isoformat().replace('+', '%2B')}")
    assert _names(body) == {"Tuesday drop-in", "Hearing voices group", "Library walk"}
    assert get(client, "/services?modified_after=last-tuesday")[0] == 400
    _, organisations = get(client, "/organizations?modified_after=2999-01-01")
    assert organisations["total_items"] == 0


def test_organization_id(client: Client, world_of_projects: dict[str, Any]) -> None:
    other = world_of_projects["other"].pk
    for path in ("/services", "/service_at_locations"):
        _, body = get(client, f"{path}?organization_id={other}")
        assert _names(body) == {"Hearing voices group", "Library walk"}
    _, venues = get(client, f"/locations?organization_id={other}")
    assert [v["name"] for v in venues["contents"]] == ["Handsworth Library", "Moseley Exchange"]
    _, venues = get(client, f"/locations?organization_id={world_of_projects['open'].pk}")
    assert [v["name"] for v in venues["contents"]] == ["Moseley Exchange"]
    _, closed = get(client, f"/services?organization_id={world_of_projects['closed'].pk}")
    assert closed["total_items"] == 0
    assert get(client, "/services?organization_id=not-a-uuid")[0] == 400


def test_minimal_and_full(client: Client, world_of_projects: dict[str, Any]) -> None:
    _, minimal = get(client, "/services?minimal=true")
    assert all(set(item) == {"id", "last_modified"} for item in minimal["contents"]) and minimal["total_items"] == 3
    _, full = get(client, "/services?full=true")
    validate_page(full, "compiled/service.json")
    assert all(item["service_at_locations"] for item in full["contents"]) and any(item.get("schedules") for item in full["contents"])
    _, plain = get(client, "/services?full=false&minimal=false")
    assert plain == get(client, "/services")[1]
    assert get(client, "/services?full=perhaps")[0] == 400


def test_full_service_on_an_organization(client: Client, world_of_projects: dict[str, Any]) -> None:
    _, body = get(client, f"/organizations/{world_of_projects['open'].pk}?full_service=true")
    assert body["services"][0]["schedules"]


def test_search_organizations_and_taxonomy_terms_by_taxonomy(client: Client, world_of_projects: dict[str, Any]) -> None:
    _, body = get(client, "/organizations?search=hearing")
    assert [o["name"] for o in body["contents"]] == ["Handsworth Hearing Voices"]
    _, terms = get(client, f"/taxonomy_terms?taxonomy_id={oruk.TAXONOMY_ID}")
    assert terms["total_items"] == len(oruk.taxonomy_terms())
    assert get(client, f"/taxonomy_terms?taxonomy_id={uuid.uuid4()}")[1]["total_items"] == 0


def test_format_json_is_the_only_format(client: Client, world_of_projects: dict[str, Any]) -> None:
    assert get(client, "/services?format=json") == get(client, "/services")
    status, body = get(client, "/services?format=ndjson")
    assert status == 400 and "ndjson" in body["message"]


def test_nothing_of_a_closed_project_is_published(client: Client, world_of_projects: dict[str, Any]) -> None:
    w = world_of_projects
    assert get(client, f"/locations/{w['closed_only_venue'].pk}")[0] == 404
    assert get(client, f"/locations/{w['shared_venue'].pk}")[0] == 200
    assert get(client, f"/services/{w['closed_activity'].pk}")[0] == 404
    assert get(client, f"/service_at_locations/{w['closed_activity'].service_at_location_id}")[0] == 404
    assert get(client, f"/organizations/{w['closed'].pk}")[0] == 404
    dumped = "".join(
        json.dumps(get(client, f"{path}?per_page=100")[1])
        for path in ("/services", "/service_at_locations", "/organizations", "/locations")
    )
    for secret in ("Closed Allotment Project", "The Old Allotment Shed", "Allotment mornings", "Closed project's drop-in"):
        assert secret not in dumped
    assert str(w["closed_only_venue"].pk) not in dumped


def test_an_ended_course_is_published_inactive(client: Client, world_of_projects: dict[str, Any]) -> None:
    today = timezone.localdate()
    course = ActivityFactory.create(
        project=world_of_projects["open"],
        venue=world_of_projects["shared_venue"],
        name="WRAP course",
        kind=ActivityKind.GROUP,
        is_course=True,
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=1),
        capacity=12,
    )
    running = ActivityFactory.create(
        project=world_of_projects["open"],
        venue=world_of_projects["shared_venue"],
        name="Running course",
        kind=ActivityKind.GROUP,
        is_course=True,
        starts_on=today - timedelta(days=60),
        ends_on=today,
        capacity=12,
    )
    _, ended = get(client, f"/services/{course.pk}")
    validate(ended, "compiled/service.json")
    assert ended["status"] == "inactive"
    assert get(client, f"/services/{running.pk}")[1]["status"] == "active"
    _, listed = get(client, "/services?search=WRAP")
    assert listed["contents"][0]["status"] == "inactive"
