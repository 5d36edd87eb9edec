"""The public hub page: topics, words and distance, paged, in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries, Settings

from hub.models import Category
from hub.tests.factories import OrganisationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_lists_active_resources_without_sign_in(client: Client) -> None:
    ResourceFactory.create(name="Citizens Advice drop-in", category=Category.BENEFITS)
    ResourceFactory.create(name="Closed service", is_active=False)
    page = client.get(reverse("hub:hub")).content.decode()
    assert "Citizens Advice drop-in" in page and "Closed service" not in page
    assert "<svg" in page and "Map of Birmingham" in page  # the drawn map, inside a details element


def test_filters_by_topic_and_words(client: Client) -> None:
    ResourceFactory.create(name="Housing options", category=Category.HOUSING, description="Homeless or about to be")
    ResourceFactory.create(name="Carers' café", category=Category.CARERS)
    ResourceFactory.create(
        name="StepChange clinic", category=Category.DEBT_MONEY, organisation=OrganisationFactory.create(name="Debt Line West")
    )
    by_topic = client.get(reverse("hub:hub"), {"category": ["carers", "housing"]}).content.decode()
    assert "Housing options" in by_topic and escape("Carers' café") in by_topic and "StepChange" not in by_topic
    by_words = client.get(reverse("hub:hub"), {"q": "debt line"}).content.decode()
    assert "StepChange clinic" in by_words and "Housing options" not in by_words


def test_near_a_postcode_sorts_by_distance_and_leaves_out_far_ones(client: Client) -> None:
    ResourceFactory.create(name="Moseley advice", latitude=Decimal("52.43700"), longitude=Decimal("-1.88300"))
    ResourceFactory.create(name="Kings Heath advice", latitude=None, longitude=None, postcode="B14 7AA")
    ResourceFactory.create(name="Sutton advice", latitude=Decimal("52.56500"), longitude=Decimal("-1.82000"))
    page = client.get(reverse("hub:hub"), {"postcode": "B13 9AB", "within": "3"}).content.decode()
    assert page.index("Moseley advice") < page.index("Kings Heath advice")
    assert "Sutton advice" not in page
    assert "about 1.7 miles away" in page or "miles away" in page


def test_a_postcode_outside_birmingham_is_explained(client: Client) -> None:
    page = client.get(reverse("hub:hub"), {"postcode": "ZZ1 1ZZ"}).content.decode()
    assert "Enter a Birmingham postcode" in page


@pytest.mark.parametrize("query", [{}, {"q": "advice", "category": ["debt_money"]}, {"postcode": "B13", "within": "10"}])
def test_query_count_does_not_grow_with_the_data(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries, query: dict[str, Any]
) -> None:
    for _ in range(30):
        ResourceFactory.create()
    with django_assert_max_num_queries(4):
        response = client.get(reverse("hub:hub"), query)
    assert response.status_code == 200
    assert response.content.decode().count('class="nhsuk-card"') == 20  # paged


def test_resource_page_shows_last_checked_and_source(client: Client) -> None:
    resource = ResourceFactory.create(name="Benefits helpline", opening_times="Monday to Friday, 9am to 5pm")
    page = client.get(reverse("hub:resource", kwargs={"resource_id": resource.pk})).content.decode()
    assert "Benefits helpline" in page and "Details last checked" in page and "Monday to Friday" in page
    retired = ResourceFactory.create(is_active=False)
    assert client.get(reverse("hub:resource", kwargs={"resource_id": retired.pk})).status_code == 404


def test_print_this_page_works_without_javascript(client: Client) -> None:
    resource = ResourceFactory.create(name="Free debt advice")
    url = reverse("hub:resource", kwargs={"resource_id": resource.pk})
    page = client.get(url).content.decode()
    assert f'href="{url}?print=1" data-star-print>Print this page</a>' in page
    ready = client.get(url, {"print": "1"}).content.decode()
    assert "This page is ready to print. Use your browser's print" in ready
    assert f'<a href="{url}">Back to the full page</a>' in ready and "star-print-view" in ready
    listing = client.get(reverse("hub:hub"), {"category": "debt_money"}).content.decode()
    assert 'href="/resources/?category=debt_money&amp;print=1"' in listing
    # The list's links carry their full address for the printed page; the map is marked to hide.
    assert f'data-print-href="http://testserver{url}"' in listing and "star-hub-map-details" in listing
    printed = client.get(reverse("hub:hub"), {"category": "debt_money", "print": "1"}).content.decode()
    assert 'href="/resources/?category=debt_money"' in printed  # back, without print=1


def test_the_print_stylesheet_hides_navigation_and_the_map_and_shows_addresses() -> None:
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "star.css").read_text()
    printed = css[css.index("/* The resource hub printed") :]
    rules = printed[printed.index("@media print") :]
    assert ".star-hub-map-details" in rules and "attr(data-print-href)" in rules
    assert ".nhsuk-header" in css[css.index("@media print") :]


def test_without_tiles_the_map_is_drawn_and_nothing_is_fetched_from_elsewhere(client: Client) -> None:
    ResourceFactory.create(name="Free debt advice")
    response = client.get(reverse("hub:hub"))
    page = response.content.decode()
    assert "star-hub-map" in page and "leaflet" not in page and "hub-map-markers" not in page
    assert "img-src 'self' data:;" in response["Content-Security-Policy"] + ";"


def test_where_tiles_are_configured_the_page_offers_the_moving_map_and_only_it_may_load_them(client: Client, settings: Settings) -> None:
    settings.STAR_MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.STAR_MAP_TILES_ATTRIBUTION = "© OpenStreetMap contributors"
    on_map = ResourceFactory.create(name="Free debt advice")
    response = client.get(reverse("hub:hub"))
    page = response.content.decode()
    assert "vendor/leaflet/leaflet.js" in page and "js/hub_map.js" in page
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in page
    assert '"number": 1' in page and f'"name": "{on_map.name}"' in page  # the same number as the list and the drawn map
    assert "https://tiles.example.org" in response["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    # Only the hub's list page may load tiles; a resource's own page keeps the strict policy.
    other = client.get(reverse("hub:resource", kwargs={"resource_id": on_map.pk}))
    assert "tiles.example.org" not in other["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//tiles.example.org/{z}.png", "ftp://tiles.example.org/{z}.png"])
def test_a_tile_address_that_is_not_http_is_ignored(client: Client, settings: Settings, url: str) -> None:
    settings.STAR_MAP_TILES_URL = url
    ResourceFactory.create(name="Free debt advice")
    response = client.get(reverse("hub:hub"))
    assert "leaflet" not in response.content.decode() and "tiles.example.org" not in response["Content-Security-Policy"]
