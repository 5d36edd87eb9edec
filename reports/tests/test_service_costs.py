"""Costs and the old model's baseline by service (docs/teams.md): on an install with several
services a service's cost figures count the costs recorded for it (not the organisation's or another
service's) and its saving uses its own baseline, else the organisation's; a manager not limited to a
service sees every cost; a manager limited to one records for it and sees only its entries and the
organisation's."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.tests.places import Places, place_world
from conftest import World, sign_in
from enablement.tests.factories import EpisodeFactory
from people.tests.factories import PersonFactory
from reports import tables
from reports.figures import money
from reports.models import Baseline, CostCategory, CostEntry
from reports.tests.test_views import DASHBOARD_QUERY_LIMIT

Q3 = "?kind=quarter&start=2025-11-01"
COSTS_CSV = reverse("reports:export_table", kwargs={"key": "costs", "fmt": "csv"}) + Q3


@pytest.fixture
def places(world: World) -> Places:
    """Q3 2025/26 (1 October to 31 December 2025), each cost covering exactly the quarter: Leeds
    £900 staff, Bradford £400 venues, the whole organisation £200 other. Leeds supports 3 people,
    Bradford 1."""
    places = place_world(world)
    for amount, category, service in (
        (900_00, CostCategory.STAFF, places.leeds),
        (400_00, CostCategory.VENUES, places.bradford),
        (200_00, CostCategory.OTHER, None),
    ):
        CostEntry.objects.create(
            starts_on=date(2025, 10, 1),
            ends_on=date(2025, 12, 31),
            category=category,
            amount_pence=amount,
            service=service,
            note=f"for {service.name if service else 'everyone'}",
            recorded_by=world.manager,
        )
    for worker in (world.worker, world.worker, places.community_worker):
        EpisodeFactory.create(person=PersonFactory.create(service=places.leeds), worker=worker, started_on=date(2025, 10, 6))
    EpisodeFactory.create(person=PersonFactory.create(service=places.bradford), worker=places.bradford_worker, started_on=date(2025, 10, 6))
    return places


def costs_csv(client: Client, query: str = "") -> dict[str, str]:
    rows = list(csv.reader(io.StringIO(client.get(COSTS_CSV + query).content.decode())))
    return {row[0]: row[1] for row in rows[1:]}


def organisation_manager() -> User:
    return UserFactory.create(role=Role.MANAGER, username="organisation_manager")


def test_a_services_manager_sees_only_their_services_costs_and_unit_costs(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.manager)
    leeds = costs_csv(client)
    assert leeds["Staff"] == "£900.00" and leeds["Venues"] == "£0.00" and leeds["Other"] == "£0.00"
    assert leeds["Total cost (entries shared out by day)"] == "£900.00"
    assert leeds["Cost per person supported"] == "£300.00"  # £900 ÷ 3 people
    assert leeds["Costs counted"].startswith("Costs recorded for Leeds (not")
    assert costs_csv(client, f"&team={places.community.pk}") == leeds, "a team chosen shows its service's costs"
    sign_in(client, places.bradford_manager)
    bradford = costs_csv(client)
    assert bradford["Total cost (entries shared out by day)"] == "£400.00"
    assert bradford["Cost per person supported"] == "£400.00"  # £400 ÷ 1 person


def test_a_manager_not_limited_to_a_service_sees_every_cost(client: Client, world: World, places: Places) -> None:
    sign_in(client, organisation_manager())
    everyone = costs_csv(client)
    assert everyone["Total cost (entries shared out by day)"] == "£1,500.00"  # £900 + £400 + £200
    assert everyone["Cost per person supported"] == "£375.00"  # £1,500 ÷ 4 people
    assert everyone["Costs counted"].startswith("Every cost recorded, for every service")
    sign_in(client, world.commissioner)
    assert costs_csv(client)["Total cost (entries shared out by day)"] == "£1,500.00", "aggregate figures, as before"
    assert costs_csv(client, f"&team={places.community.pk}")["Total cost (entries shared out by day)"] == "£1,500.00"


def test_with_one_service_every_cost_counts_as_before(world: World) -> None:
    from accounts.models import Service
    from accounts.teams import Scope
    from core.periods import quarter_of

    only = Service.objects.create(name="Leeds")
    for service in (only, None):
        CostEntry.objects.create(
            starts_on=date(2025, 10, 1),
            ends_on=date(2025, 12, 31),
            category=CostCategory.STAFF,
            amount_pence=100_00,
            service=service,
            recorded_by=world.manager,
        )
    figures = tables.cost_figures(quarter_of(date(2025, 11, 1)), scope=Scope(service_id=only.pk), today=date(2026, 1, 15))
    assert figures.total_pence == 200_00 and figures.counted == "Every cost recorded"


def test_the_saving_uses_the_services_baseline_else_the_organisations(client: Client, world: World, places: Places) -> None:
    from accounts.teams import Scope

    Baseline.objects.create(
        description="Organisation day centre", places=10, cost_per_place_per_week_pence=100_00, people_served=10, recorded_by=world.manager
    )
    Baseline.objects.create(
        description="Leeds day centre",
        places=20,
        cost_per_place_per_week_pence=100_00,
        people_served=10,
        service=places.leeds,
        recorded_by=world.manager,
    )
    leeds = money.latest_baseline(money.costs_counted(Scope(service_id=places.leeds.pk)))
    bradford = money.latest_baseline(money.costs_counted(Scope(service_id=places.bradford.pk)))
    everyone = money.latest_baseline(money.costs_counted(None))
    assert leeds is not None and leeds.description == "Leeds day centre"
    assert bradford is not None and bradford.description == "Organisation day centre"
    assert everyone is not None and everyone.description == "Organisation day centre"
    sign_in(client, world.manager)
    page = client.get(reverse("reports:dashboard") + Q3).content.decode()
    assert "Leeds day centre, recorded for Leeds" in page and "Costs recorded for Leeds" in page
    # 92 days: 20 places × £100 × 92 ÷ 7 = £26,285.71; ÷ 10 people = £2,628.57 each; × 3 people =
    # £7,885.71; less Leeds's £900 = £6,985.71.
    assert "<strong>£6,985.71</strong>" in page
    sign_in(client, places.bradford_manager)
    page = client.get(reverse("reports:dashboard") + Q3).content.decode()
    assert "Organisation day centre" in page and "Leeds day centre" not in page


def test_the_dashboard_with_service_costs_stays_within_its_queries(
    client: Client, world: World, places: Places, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.manager)
    with django_assert_max_num_queries(DASHBOARD_QUERY_LIMIT):
        assert client.get(reverse("reports:dashboard") + Q3).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reports:costs")).status_code == 200


COST = {
    "starts_on_day": "1",
    "starts_on_month": "1",
    "starts_on_year": "2026",
    "ends_on_day": "31",
    "ends_on_month": "1",
    "ends_on_year": "2026",
    "category": "training",
    "amount": "50",
}


def test_a_limited_manager_records_for_their_service(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.manager)
    page = client.get(reverse("reports:costs")).content.decode()
    assert 'name="service"' not in page
    assert client.post(reverse("reports:costs"), {**COST, "service": str(places.bradford.pk)}).status_code == 302
    assert CostEntry.objects.get(category="training").service == places.leeds, "their own service, whatever is sent"
    baseline = {"description": "Day centre", "places": "5", "cost_per_place_per_week": "10", "people_served": "5"}
    assert client.post(reverse("reports:baseline"), baseline).status_code == 302
    assert Baseline.objects.get().service == places.leeds


def test_a_manager_not_limited_chooses_a_service_or_the_whole_organisation(client: Client, world: World, places: Places) -> None:
    sign_in(client, organisation_manager())
    page = client.get(reverse("reports:costs")).content.decode()
    assert 'name="service"' in page and "The whole organisation" in page
    assert "Choose the service this is for" in client.post(reverse("reports:costs"), COST).content.decode()
    assert client.post(reverse("reports:costs"), {**COST, "service": str(places.bradford.pk)}).status_code == 302
    assert CostEntry.objects.get(category="training").service == places.bradford
    assert client.post(reverse("reports:costs"), {**COST, "category": "other", "amount": "7", "service": "organisation"}).status_code == 302
    assert CostEntry.objects.get(amount_pence=700).service is None
    baseline = {"description": "Day centre", "places": "5", "cost_per_place_per_week": "10", "people_served": "5"}
    assert "Choose the service this is for" in client.post(reverse("reports:baseline"), baseline).content.decode()
    assert client.post(reverse("reports:baseline"), {**baseline, "service": str(places.leeds.pk)}).status_code == 302
    assert Baseline.objects.get().service == places.leeds


def test_a_manager_of_another_service_does_not_see_its_entries(client: Client, world: World, places: Places) -> None:
    sign_in(client, places.bradford_manager)
    page = client.get(reverse("reports:costs")).content.decode()
    assert "for Bradford" in page and "for everyone" in page and "The whole organisation" in page
    assert "for Leeds" not in page, "Leeds's cost is not listed"
    sign_in(client, world.manager)
    page = client.get(reverse("reports:costs")).content.decode()
    assert "for Leeds" in page and "for Bradford" not in page
