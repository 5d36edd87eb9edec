"""Open Referral UK contract: every id the API publishes as a reference resolves.

Starting from every list endpoint (every page), the test walks each body, collects each
reference (`organization_id`, `service_id`, `location_id`, `taxonomy_term_id`, `taxonomy_id`,
and the `id` of an embedded organization, service, location, service at location or term),
fetches it, and walks what comes back, until nothing new is found. A reference that 404s, or
answers with another id, fails the test naming where it was found."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.test import Client

from community import openreferral as oruk
from community.models import CrisisOpening, CrisisPlace, CrisisPlaceKind
from community.tests.test_openreferral import directory, get  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

LISTS = ("/services?full=true", "/services", "/organizations", "/locations", "/service_at_locations", "/taxonomies", "/taxonomy_terms")
# A key holding an id, and the collection that id must resolve in.
ID_KEYS = {
    "organization_id": "organizations",
    "service_id": "services",
    "location_id": "locations",
    "taxonomy_term_id": "taxonomy_terms",
    "taxonomy_id": "taxonomies",
}
# An embedded object, by the key it sits under, and the collection its own `id` belongs to.
EMBEDDED = {
    "organization": "organizations",
    "service": "services",
    "services": "services",
    "location": "locations",
    "service_at_locations": "service_at_locations",
    "taxonomy_term": "taxonomy_terms",
    "taxonomy_terms": "taxonomy_terms",
}


def references(body: Any, where: str, found: set[tuple[str, str, str]]) -> None:
    """Every (collection, id, where) referred to anywhere in `body`."""
    if isinstance(body, list):
        for item in body:
            references(item, where, found)
        return
    if not isinstance(body, dict):
        return
    for key, value in body.items():
        if key in ID_KEYS and isinstance(value, str):
            found.add((ID_KEYS[key], value, f"{where} {key}"))
        if key in EMBEDDED:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and "id" in item:
                    found.add((EMBEDDED[key], item["id"], f"{where} {key}.id"))
        if key == "contents" and where.split("?")[0] in {f"/{c}" for c in EMBEDDED.values()} | {"/taxonomies"}:
            collection = where.split("?")[0].strip("/")
            for item in value:
                found.add((collection, item["id"], f"{where} contents"))
        references(value, where, found)


def walk_everything(client: Client) -> dict[tuple[str, str], str]:
    """Fetch every list page and every reference, transitively. Returns what was resolved."""
    found: set[tuple[str, str, str]] = set()
    for path in LISTS:
        page = 1
        while True:
            joiner = "&" if "?" in path else "?"
            status, body, _ = get(client, f"{path}{joiner}page={page}&per_page=2")
            assert status == 200, path
            references(body, path, found)
            if body["last_page"]:
                break
            page += 1
    resolved: dict[tuple[str, str], str] = {}
    while pending := {(c, i): w for c, i, w in sorted(found, reverse=True) if (c, i) not in resolved}:
        found = set()
        for (collection, identifier), where in sorted(pending.items()):
            status, body, _ = get(client, f"/{collection}/{identifier}")
            assert status == 200, f"{where} refers to /{collection}/{identifier}, which answers {status}: {body}"
            assert body["id"] == identifier, f"/{collection}/{identifier} answers with id {body['id']}"
            resolved[(collection, identifier)] = where
            references(body, f"/{collection}/{identifier}", found)
            if collection == "organizations":
                _, full, _ = get(client, f"/organizations/{identifier}?full_service=true")
                references(full, f"/organizations/{identifier}?full_service=true", found)
    return resolved


def _crisis_places() -> list[CrisisPlace]:
    cafe = CrisisPlace.objects.create(kind=CrisisPlaceKind.SANCTUARY, name="Night Light crisis café", organisation="Night Light (demo)")
    CrisisOpening.objects.bulk_create(CrisisOpening(place=cafe, weekday=day, opens_at=time(20), closes_at=time(2)) for day in range(7))
    line = CrisisPlace.objects.create(kind=CrisisPlaceKind.PHONE_LINE, name="Night Light phone line", organisation="Night Light (demo)")
    CrisisOpening.objects.create(place=line, weekday=4, opens_at=time(0), closes_at=time(0))
    ae = CrisisPlace.objects.create(kind=CrisisPlaceKind.AE_LIAISON, name="City Hospital A&E liaison", always_open=True)
    CrisisPlace.objects.create(kind=CrisisPlaceKind.SANCTUARY, name="Retired sanctuary", organisation="Gone (demo)", is_active=False)
    return [cafe, line, ae]


def test_every_reference_in_the_published_directory_resolves(client: Client, directory: dict[str, Any]) -> None:  # noqa: F811
    cafe, line, ae = _crisis_places()
    resolved = walk_everything(client)
    organisations = {identifier for collection, identifier in resolved if collection == "organizations"}
    assert oruk.crisis_organization_id(cafe) in organisations
    assert oruk.crisis_organization_id(cafe) == oruk.crisis_organization_id(line)  # one organisation, two places
    assert oruk.crisis_organization_id(ae) in organisations  # no organisation named: the place itself
    assert str(directory["project"].pk) in organisations
    services = {identifier for collection, identifier in resolved if collection == "services"}
    assert {str(cafe.pk), str(line.pk), str(ae.pk), str(directory["drop_in"].pk)} <= services
    assert ("taxonomy_terms", oruk.CRISIS_TERM.id) in resolved


def test_a_crisis_organisation_lists_its_places_and_filters_services(client: Client, db: None) -> None:
    cafe, line, _ = _crisis_places()
    organisation = oruk.crisis_organization_id(cafe)
    status, body, _ = get(client, f"/organizations/{organisation}")
    assert status == 200
    assert body["name"] == "Night Light (demo)"
    assert sorted(service["name"] for service in body["services"]) == ["Night Light crisis café", "Night Light phone line"]
    status, page, _ = get(client, f"/services?organization_id={organisation}")
    assert sorted(item["id"] for item in page["contents"]) == sorted([str(cafe.pk), str(line.pk)])
    status, listed, _ = get(client, "/organizations?search=night+light")
    assert [item["id"] for item in listed["contents"]] == [organisation]
    # A retired place's organisation is not published.
    retired = oruk.derived_id("crisis-organisation", "Gone (demo)")
    assert get(client, f"/organizations/{retired}")[0] == 404


def test_the_walk_catches_a_reference_that_does_not_resolve(client: Client, db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    _crisis_places()
    monkeypatch.setattr(oruk, "crisis_organization_id", lambda place: "7d0c5c8e-0000-4000-8000-000000000000")
    monkeypatch.setattr(oruk, "crisis_organizations", lambda places, params=None: {})
    with pytest.raises(AssertionError, match=r"refers to /organizations/7d0c5c8e.*answers 404"):
        walk_everything(client)
