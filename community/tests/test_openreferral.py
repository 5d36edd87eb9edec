"""Open Referral UK 3.0 contract: every response validates against the vendored ORUK schemas."""

from __future__ import annotations

import json
import uuid
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator, FormatChecker
from pytest_django import DjangoAssertNumQueries
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from community import openreferral as oruk
from community.models import ActivityKind, Frequency, WeekOfMonth
from community.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    MembershipFactory,
    ProjectFactory,
    ScheduleFactory,
    SessionFactory,
    VenueFactory,
)
from conftest import World

SCHEMAS = Path(__file__).parent / "oruk_schemas"


def _load(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return schema


def _registry() -> Registry:
    resources = [
        (path.name, Resource.from_contents(_load(path.name), default_specification=DRAFT202012)) for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(instance: Any, schema_name: str) -> None:
    Draft202012Validator(_load(schema_name), registry=REGISTRY, format_checker=FormatChecker()).validate(instance)


def validate_page(body: dict[str, Any], item_schema: str) -> None:
    page = _load("openapi.json")["components"]["schemas"]["Page"]
    Draft202012Validator(page).validate(body)
    assert set(body) == {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}
    for item in body["contents"]:
        validate(item, item_schema)


def no_empty_values(value: Any) -> None:
    """ORUK rule 6: no null, "" or [] anywhere."""
    if isinstance(value, dict):
        for inner in value.values():
            assert inner not in (None, "", []), value
            no_empty_values(inner)
    elif isinstance(value, list):
        for inner in value:
            no_empty_values(inner)


@pytest.fixture
def directory(db: None) -> dict[str, Any]:
    project = ProjectFactory.create(name="Moseley Peer Network", contact_email="")
    venue = VenueFactory.create(name="Moseley Exchange", hearing_loop=True)
    drop_in = ActivityFactory.create(project=project, venue=venue, name="Tuesday drop-in")
    ScheduleFactory.create(activity=drop_in, weekday=1)
    course = ActivityFactory.create(project=project, venue=venue, name="WRAP course", kind=ActivityKind.GROUP, category="wrap")
    ScheduleFactory.create(activity=course, frequency=Frequency.MONTHLY, weekday=3, week_of_month=WeekOfMonth.FIRST)
    ScheduleFactory.create(
        activity=ActivityFactory.create(name="Walking group", category="walking"), frequency=Frequency.FORTNIGHTLY, weekday=5
    )
    return {"project": project, "venue": venue, "drop_in": drop_in, "course": course}


def get(client: Client, path: str) -> tuple[int, dict[str, Any], Any]:
    response = client.get(f"/openreferral{path}")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json(), response


def test_root_declares_the_version(client: Client, db: None) -> None:
    status, body, _ = get(client, "/")
    assert status == 200
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"].endswith("/3.0/openapi.json")


def test_service_list_is_a_valid_page(client: Client, directory: dict[str, Any]) -> None:
    status, body, _ = get(client, "/services")
    assert status == 200
    validate_page(body, "compiled/service_list.json")
    assert body["total_items"] == 3
    assert body["first_page"] and body["last_page"] and not body["empty"]
    no_empty_values(body)


def test_service_list_pages_add_up(client: Client, directory: dict[str, Any]) -> None:
    seen = []
    for number in (1, 2):
        _, body, _ = get(client, f"/services?per_page=2&page={number}")
        assert body["total_pages"] == 2
        assert body["page_number"] == number
        assert body["first_page"] is (number == 1)
        assert body["last_page"] is (number == 2)
        seen += [item["id"] for item in body["contents"]]
    assert len(set(seen)) == 3
    _, beyond, _ = get(client, "/services?per_page=2&page=9")
    assert beyond["empty"] is True and beyond["size"] == 0


def test_full_service_validates_and_has_rrule_style_schedules(client: Client, directory: dict[str, Any]) -> None:
    status, body, _ = get(client, f"/services/{directory['course'].pk}")
    assert status == 200
    validate(body, "compiled/service.json")
    no_empty_values(body)
    schedule = body["schedules"][0]
    assert schedule["freq"] == "MONTHLY"
    assert schedule["byday"] == "1TH"
    assert schedule["opens_at"] == "10:00:00"
    assert body["organization"]["name"] == "Moseley Peer Network"
    assert "email" not in body["organization"]  # empty: omitted, never ""
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "B13 9AB"
    assert {item["description"] for item in location["accessibility"]} == {"Step-free access", "Hearing loop"}
    uuid.UUID(body["id"])
    assert body["last_modified"].endswith("Z")


def test_weekly_and_fortnightly_schedules(client: Client, directory: dict[str, Any]) -> None:
    _, body, _ = get(client, f"/services/{directory['drop_in'].pk}")
    assert (body["schedules"][0]["freq"], body["schedules"][0]["interval"], body["schedules"][0]["byday"]) == ("WEEKLY", 1, "TU")


def test_organizations_locations_and_service_at_locations_validate(client: Client, directory: dict[str, Any]) -> None:
    _, organizations, _ = get(client, "/organizations")
    validate_page(organizations, "compiled/organization_list.json")
    _, organization, _ = get(client, f"/organizations/{directory['project'].pk}")
    validate(organization, "compiled/organization.json")
    assert len(organization["services"]) == 2
    _, locations, _ = get(client, "/locations")
    validate_page(locations, "location.json")
    _, location, _ = get(client, f"/locations/{directory['venue'].pk}")
    validate(location, "location.json")
    _, sals, _ = get(client, "/service_at_locations")
    validate_page(sals, "compiled/service_at_location_list.json")
    _, sal, _ = get(client, f"/service_at_locations/{sals['contents'][0]['id']}")
    validate(sal, "compiled/service_at_location.json")


def test_taxonomies_validate_and_filter_services(client: Client, directory: dict[str, Any]) -> None:
    _, taxonomies, _ = get(client, "/taxonomies")
    validate_page(taxonomies, "taxonomy.json")
    _, taxonomy, _ = get(client, f"/taxonomies/{oruk.TAXONOMY_ID}")
    validate(taxonomy, "taxonomy.json")
    _, terms, _ = get(client, "/taxonomy_terms?per_page=100")
    validate_page(terms, "taxonomy_term.json")
    walking = next(term for term in terms["contents"] if term["name"] == "Walking and outdoors")
    _, term, _ = get(client, f"/taxonomy_terms/{walking['id']}")
    validate(term, "taxonomy_term.json")
    _, found, _ = get(client, f"/services?taxonomy_term_id={walking['id']}")
    assert [s["name"] for s in found["contents"]] == ["Walking group"]


def test_filters_by_day_and_postcode(client: Client, directory: dict[str, Any]) -> None:
    _, tuesday, _ = get(client, "/services?day=TU")
    assert [s["name"] for s in tuesday["contents"]] == ["Tuesday drop-in"]
    ScheduleFactory.create(activity=directory["drop_in"], weekday=1, opens_at=time(18, 0), closes_at=time(20, 0))
    _, twice, _ = get(client, "/services?day=TU&start_time=09:00")  # two Tuesday schedules: listed once
    assert [s["name"] for s in twice["contents"]] == ["Tuesday drop-in"] and twice["total_items"] == 1
    _, near, _ = get(client, "/service_at_locations?postcode=B13%209AB&proximity=2000")
    assert near["total_items"] == 3
    _, far, _ = get(client, "/service_at_locations?postcode=B44&proximity=1000")
    assert far["total_items"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/services/not-a-uuid",
        "/services/0b0e7a4c-1c5e-4a55-9d3c-6f1f3f9f0001",
        "/organizations/0b0e7a4c-1c5e-4a55-9d3c-6f1f3f9f0002",
        "/locations/42",
        "/service_at_locations/x",
        "/taxonomies/x",
        "/taxonomy_terms/x",
    ],
)
def test_unknown_ids_are_404_in_the_error_shape(client: Client, db: None, path: str) -> None:
    status, body, _ = get(client, path)
    assert status == 404
    assert body["code"] == 404 and body["message"]


@pytest.mark.parametrize(
    "query",
    [
        "/services?page=abc",
        "/services?page=0",
        "/services?per_page=0",
        "/services?per_page=100000",
        "/services?taxonomy_term_id=nope",
        "/services?day=Caturday",
        "/services?start_time=25:99",
        "/services?minimum_age=old",
        "/service_at_locations?postcode=SW1A1AA",
        "/service_at_locations?postcode=B13&proximity=near",
        "/service_at_locations?postcode=B13&proximity=nan",
        "/service_at_locations?proximity=500",
        "/taxonomies?page=-1",
    ],
)
def test_malformed_query_parameters_are_400_never_500(client: Client, db: None, query: str) -> None:
    status, body, _ = get(client, query)
    assert status == 400
    assert body["code"] == 400 and body["message"]


def test_no_personal_data_ever_appears(client: Client, world: World, directory: dict[str, Any]) -> None:
    session = SessionFactory.create(activity=directory["drop_in"])
    MembershipFactory.create(project=directory["project"], person=world.caseload_person)
    AttendanceFactory.create(session=session, person=world.caseload_person)
    dumped = ""
    for path in (
        "/services",
        f"/services/{directory['drop_in'].pk}",
        "/organizations",
        f"/organizations/{directory['project'].pk}",
        "/service_at_locations",
        "/locations",
    ):
        dumped += json.dumps(get(client, path)[1])
    for private in (world.caseload_person.given_name, world.caseload_person.family_name, world.caseload_person.nhs_number, "Lovelace"):
        assert private not in dumped


def test_posting_is_not_allowed(client: Client, db: None) -> None:
    assert client.post("/openreferral/services").status_code == 405


def test_service_list_query_count_is_bounded(
    client: Client, directory: dict[str, Any], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(30):
        ActivityFactory.create()
    # A count, the page's ids along the name index and those activities' details, then a count
    # and a page of crisis places: five however many.
    with django_assert_max_num_queries(5):
        get(client, "/services?per_page=50")


def test_the_contract_check_catches_a_broken_service(directory: dict[str, Any]) -> None:
    from jsonschema import ValidationError

    broken = oruk.service_full_json(directory["drop_in"])
    del broken["status"]
    with pytest.raises(ValidationError):
        validate(broken, "compiled/service.json")
    broken = oruk.service_full_json(directory["drop_in"])
    broken["schedules"][0]["freq"] = "DAILY"
    with pytest.raises(ValidationError):
        validate(broken, "compiled/service.json")


def test_a_search_lists_its_matches_in_name_order_and_counts_them_with_the_page(
    client: Client, directory: dict[str, Any], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    """A search's matches, sorted by name then id; the page's query counts them (no COUNT of its
    own), and a page past the end still says how many there are."""
    for name in ("Zumba walk", "Art walk", "Walk and talk", "Chess club", "Art walk", "Nature walk"):
        ActivityFactory.create(name=name)
    expected = [str(a.pk) for a in oruk.published_activities().filter(name__icontains="walk")]
    assert len(expected) == 6
    seen = []
    for number in (1, 2, 3):
        # The page's keys and their count, those activities, the crisis places' count.
        with django_assert_num_queries(3):
            _, body, _ = get(client, f"/services?search=walk&per_page=2&page={number}")
        assert body["total_items"] == 6 and body["total_pages"] == 3
        seen += [item["id"] for item in body["contents"]]
    assert seen == expected
    _, past, _ = get(client, "/services?search=walk&per_page=2&page=4")
    assert past["total_items"] == 6 and past["contents"] == []


@pytest.mark.parametrize("search", ["", "walk"])
def test_service_at_locations_page_through_every_published_activity_in_name_order(
    client: Client, directory: dict[str, Any], django_assert_max_num_queries: DjangoAssertNumQueries, search: str
) -> None:
    """Paged from the database (a count, a page's keys, those activities), not every activity read
    first: the same entries, in the list's order, and the same total."""
    for name in ("Zumba walk", "Art walk", "Walk and talk", "Chess club", "Art walk", "Nature walk"):
        ActivityFactory.create(name=name)
    published = oruk.published_activities()
    expected = [str(a.service_at_location_id) for a in (published.filter(name__icontains=search) if search else published)]
    seen = []
    for number in range(1, 6):
        with django_assert_max_num_queries(3):
            _, body, _ = get(client, f"/service_at_locations?per_page=2&page={number}&search={search}")
        assert body["total_items"] == len(expected)
        seen += [item["id"] for item in body["contents"]]
    assert seen == expected
