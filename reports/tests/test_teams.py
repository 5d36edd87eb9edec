"""Report figures by service and team (docs/teams.md): a manager of one service sees its figures,
any manager narrows them to a team and compares teams side by side; a commissioner gets no team
choice (a team's figures beside the service's would give small numbers away by subtraction)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.tests.places import Places, place_world
from audit.models import AuditEvent
from conftest import World, sign_in
from enablement.tests.factories import EpisodeFactory
from people.tests.factories import PersonFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from reports.tests.fixtures import at
from reports.tests.test_views import DASHBOARD_QUERY_LIMIT

Q3 = "?kind=quarter&start=2025-11-01"


@pytest.fixture
def places(world: World) -> Places:
    places = place_world(world)
    for day, team in ((1, places.community), (2, places.community), (3, places.one_to_one)):
        ReferralFactory.create(received_at=at(date(2025, 10, day)), source=Referral.Source.GP, service=places.leeds, team=team)
    ReferralFactory.create(
        person=PersonFactory.create(service=places.bradford),
        received_at=at(date(2025, 10, 4)),
        source=Referral.Source.GP,
        service=places.bradford,
        team=places.bradford_team,
    )
    return places


def gp_row(client: Client, query: str = "") -> str:
    response = client.get(reverse("reports:export_table", kwargs={"key": "referrals-by-source", "fmt": "csv"}) + Q3 + query)
    return next(line for line in response.content.decode().splitlines() if line.startswith("GP,"))


def test_a_manager_sees_their_services_figures_and_narrows_them_to_a_team(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.manager)
    assert gp_row(client).startswith("GP,3,")
    assert gp_row(client, f"&team={places.community.pk}").startswith("GP,2,")
    assert gp_row(client, f"&team={places.one_to_one.pk}").startswith("GP,1,")
    assert gp_row(client, f"&team={places.bradford_team.pk}").startswith("GP,3,"), "another service's team is not a choice"
    sign_in(client, places.bradford_manager)
    assert gp_row(client).startswith("GP,1,")


def test_the_dashboard_offers_the_services_teams_and_compares_them(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.manager)
    page = client.get(reverse("reports:dashboard") + Q3).content.decode()
    assert 'name="team"' in page and "Community team" in page and "Bradford team" not in page
    assert "Compared by team" in page
    csv = client.get(reverse("reports:export_table", kwargs={"key": "by-team", "fmt": "csv"}) + Q3).content.decode()
    assert "Referrals received,1,2" in csv, "1-to-1 team then community team"
    narrowed = client.get(reverse("reports:dashboard") + Q3 + f"&team={places.community.pk}").content.decode()
    assert "Q3 2025/26, Community team" in narrowed and "Compared by team" not in narrowed


def test_a_commissioner_has_no_team_choice_and_sees_every_service(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.commissioner)
    page = client.get(reverse("reports:dashboard") + Q3).content.decode()
    assert 'name="team"' not in page and "Compared by team" not in page
    assert gp_row(client, f"&team={places.community.pk}") == gp_row(client), "the team is ignored"
    assert client.get(reverse("reports:export_table", kwargs={"key": "by-team", "fmt": "csv"}) + Q3).status_code == 404


def test_the_person_level_extract_is_the_managers_own_services(client: Client, world: World, places: Places) -> None:
    sign_in(client, places.bradford_manager)
    body = client.get(reverse("reports:mhsds_extract") + Q3).content.decode()
    assert body.count("MHS101,") == 1, "one referral: Bradford's"
    exported = set(AuditEvent.objects.filter(action="export", person_id__isnull=False).values_list("person_id", flat=True))
    assert exported == {Referral.objects.get(service=places.bradford).person_id}


# The dashboard's own limit, and at most 9 queries per team for "Compared by team" (on PostgreSQL
# 2 of them `SET LOCAL work_mem`): bounded by the number of teams, not by the data.
TEAM_DASHBOARD_QUERY_LIMIT = DASHBOARD_QUERY_LIMIT + 2 * 9


def test_comparing_teams_costs_the_same_however_much_data(
    client: Client, world: World, places: Places, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.manager)
    with django_assert_max_num_queries(TEAM_DASHBOARD_QUERY_LIMIT):
        assert "Compared by team" in client.get(reverse("reports:dashboard") + Q3).content.decode()
    for day in range(20):
        ReferralFactory.create(received_at=at(date(2025, 10, 5 + day)), service=places.leeds, team=places.community)
    with django_assert_max_num_queries(TEAM_DASHBOARD_QUERY_LIMIT):
        client.get(reverse("reports:dashboard") + Q3)


def equality_total(client: Client, query: str = "") -> str:
    """The total of people in the "Sex" equality table, from its CSV."""
    response = client.get(reverse("reports:export_table", kwargs={"key": "equality-sex", "fmt": "csv"}) + Q3 + query)
    return next(line for line in response.content.decode().splitlines() if line.startswith("Total,")).split(",")[1]


def test_the_equality_page_is_the_services_and_narrows_to_a_team(
    client: Client, world: World, places: Places, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for worker, service in ((world.worker, places.leeds), (world.worker, places.leeds), (places.community_worker, places.leeds)):
        EpisodeFactory.create(person=PersonFactory.create(service=service), worker=worker, started_on=date(2025, 10, 6))
    EpisodeFactory.create(person=PersonFactory.create(service=places.bradford), worker=places.bradford_worker, started_on=date(2025, 10, 6))
    sign_in(client, world.manager)
    assert equality_total(client) == "3"
    assert equality_total(client, f"&team={places.one_to_one.pk}") == "2"
    assert equality_total(client, f"&team={places.community.pk}") == "1"
    with django_assert_max_num_queries(EQUALITY_QUERY_LIMIT):
        page = client.get(reverse("reports:equality") + Q3 + f"&team={places.community.pk}").content.decode()
    assert "Who the service reaches: Community team" in page and 'name="team"' in page
    sign_in(client, places.bradford_manager)
    assert equality_total(client) == "1"
    sign_in(client, world.commissioner)
    assert 'name="team"' not in client.get(reverse("reports:equality") + Q3).content.decode()
    assert equality_total(client, f"&team={places.community.pk}") == equality_total(client)


# One grouped query per equality question and one for its population, the selection's and the
# page's own: bounded by the questions, not by the data.
EQUALITY_QUERY_LIMIT = 30


def test_costs_are_the_whole_services_whichever_team_is_chosen(client: Client, world: World, places: Places) -> None:
    from reports.models import CostCategory, CostEntry

    CostEntry.objects.create(
        starts_on=date(2025, 10, 1),
        ends_on=date(2025, 12, 31),
        category=CostCategory.STAFF,
        amount_pence=900_00,
        service=places.leeds,
        recorded_by=world.manager,
    )
    for worker in (world.worker, world.worker, places.community_worker):
        EpisodeFactory.create(person=PersonFactory.create(service=places.leeds), worker=worker, started_on=date(2025, 10, 6))
    sign_in(client, world.manager)
    costs = reverse("reports:export_table", kwargs={"key": "costs", "fmt": "csv"}) + Q3
    everyone = client.get(costs).content.decode()
    assert "Cost per person supported,£300.00" in everyone, everyone
    assert client.get(costs + f"&team={places.community.pk}").content.decode() == everyone
    page = client.get(reverse("reports:dashboard") + Q3 + f"&team={places.community.pk}").content.decode()
    assert "Costs are not recorded for each team" in page and "Costs recorded for Leeds" in page
    assert "there is no team choice here" in client.get(reverse("reports:costs")).content.decode()
