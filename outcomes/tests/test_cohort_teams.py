"""Outcome cohorts by service and team (docs/teams.md): a manager sees their service's people and
narrows them to a team (its workers' 1-to-1 work or its projects' members); a commissioner gets no
team choice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.models import Service, User
from accounts.tests.places import Places, place_world
from community.models import ProjectMembership
from community.tests.factories import ProjectFactory
from conftest import World, sign_in
from enablement.tests.factories import EpisodeFactory
from outcomes.models import Instrument
from outcomes.tests.factories import MeasurementFactory
from people.tests.factories import PersonFactory

URL = "?instrument=SWEMWBS&group_by=all&start=2025-04-01&end=2026-03-31"


def paired(instrument: Instrument, worker: User, service: Service, change: int) -> None:
    person = PersonFactory.create(service=service)
    EpisodeFactory.create(person=person, worker=worker, started_on=date(2025, 5, 1))
    for day, score in ((date(2025, 6, 1), 20), (date(2025, 9, 1), 20 + change)):
        MeasurementFactory.create(
            person=person,
            instrument=instrument,
            status="complete",
            measured_on=day,
            score=Decimal(score),
            raw_score=None,
            created_by=worker,
        )


@pytest.fixture
def places(world: World, instruments: dict[str, Instrument]) -> Places:
    places = place_world(world)
    swemwbs = instruments["SWEMWBS"]
    for _ in range(3):
        paired(swemwbs, world.worker, places.leeds, 5)  # the 1-to-1 team's
    for _ in range(2):
        paired(swemwbs, places.community_worker, places.leeds, -4)  # the community team's
    paired(swemwbs, places.bradford_worker, places.bradford, 1)
    return places


def people(page: str) -> str:
    """The "Everyone" row's people with two measurements and mean change."""
    row = page.split('<td class="nhsuk-table__cell">Everyone</td>', 1)[1].split("</tr>", 1)[0]
    cells = [cell.split("</td>", 1)[0] for cell in row.split('<td class="nhsuk-table__cell">')[1:]]
    return f"{cells[0]} {cells[1].split(' ', 1)[0]}"


def test_a_manager_sees_their_service_and_narrows_it_to_a_team(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.manager)
    url = reverse("outcomes:cohorts") + URL
    page = client.get(url).content.decode()
    assert 'name="team"' in page and "Community team" in page and "Bradford team" not in page
    assert people(page) == "5 +1.40", "Leeds only: (3×5 − 2×4) ÷ 5"
    community = client.get(url + f"&team={places.community.pk}").content.decode()
    assert people(community) == "2 −4.00" and "Outcomes: change from first to last measurement, Community team" in community
    assert people(client.get(url + f"&team={places.one_to_one.pk}").content.decode()) == "3 +5.00"
    assert people(client.get(url + f"&team={places.bradford_team.pk}").content.decode()) == "5 +1.40", "not a choice"
    sign_in(client, places.bradford_manager)
    assert people(client.get(url).content.decode()) == "1 +1.00"


def test_a_projects_members_count_for_its_team(client: Client, world: World, places: Places, instruments: dict[str, Instrument]) -> None:
    project = ProjectFactory.create(team=places.community)
    member = PersonFactory.create(service=places.leeds)
    ProjectMembership.objects.create(project=project, person=member)
    for day, score in ((date(2025, 6, 1), 20), (date(2025, 9, 1), 30)):
        MeasurementFactory.create(
            person=member, instrument=instruments["SWEMWBS"], status="complete", measured_on=day, score=Decimal(score), raw_score=None
        )
    sign_in(client, world.manager)
    page = client.get(reverse("outcomes:cohorts") + URL + f"&team={places.community.pk}").content.decode()
    assert people(page) == "3 +0.67", "(−4 − 4 + 10) ÷ 3"


def test_a_commissioner_has_no_team_choice(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.commissioner)
    url = reverse("outcomes:cohorts") + URL
    page = client.get(url).content.decode()
    assert 'name="team"' not in page
    assert people(page) == people(client.get(url + f"&team={places.community.pk}").content.decode()) == "6 +1.33"


def test_narrowing_to_a_team_costs_the_same_however_much_data(
    client: Client, world: World, places: Places, instruments: dict[str, Instrument], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.manager)
    url = reverse("outcomes:cohorts") + URL + f"&team={places.community.pk}"
    # Two more than from raw rows: the stored set is read, then stored (its first view) or brought
    # up to date (after the new measurements, with no job to do it: reports/store.py).
    with django_assert_max_num_queries(15):
        client.get(url)
    for _ in range(10):
        paired(instruments["SWEMWBS"], places.community_worker, places.leeds, 3)
    with django_assert_max_num_queries(15):
        assert people(client.get(url).content.decode()).startswith("12 ")


def test_the_measure_box_shows_the_measure_whose_figures_are_shown(client: Client, world: World, places: Places) -> None:
    """Without a measure in the address the figures are SWEMWBS's, and so is the box: choosing a
    team and pressing "Show figures" keeps SWEMWBS, not the first measure of the list."""
    sign_in(client, world.manager)
    page = client.get(reverse("outcomes:cohorts")).content.decode()
    chosen = page.split('name="instrument"', 1)[1].split("</select>", 1)[0]
    assert 'value="SWEMWBS" selected' in chosen, chosen
