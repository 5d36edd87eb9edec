"""Budgets and work figures by service and team (docs/teams.md): a manager sees their service's
people's and narrows them to a team (who opened the budget, who recorded the start); a commissioner
gets no team choice."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.places import Places, place_world
from choices.tests.factories import PersonalBudgetFactory, PlacementFactory
from conftest import World, sign_in
from people.tests.factories import PersonFactory

OCTOBER = "?kind=month&start=2025-10-01"
DAY = date(2025, 10, 10)


@pytest.fixture
def places(world: World) -> Places:
    places = place_world(world)
    for _ in range(3):
        PlacementFactory.create(person=PersonFactory.create(service=places.leeds), recorded_by=world.worker, started_on=DAY)
        PersonalBudgetFactory.create(
            person=PersonFactory.create(service=places.leeds), opened_by=places.community_worker, conversation_on=DAY
        )
    PlacementFactory.create(person=PersonFactory.create(service=places.leeds), recorded_by=places.community_worker, started_on=DAY)
    PlacementFactory.create(person=PersonFactory.create(service=places.bradford), recorded_by=places.bradford_worker, started_on=DAY)
    return places


def figures(client: Client, query: str = "") -> tuple[str, str]:
    """Job starts, and conversations about a personal budget."""
    page = client.get(reverse("choices:figures") + OCTOBER + query).content.decode()
    jobs = page.split('A paid job</td><td class="nhsuk-table__cell nhsuk-table__cell--numeric">', 1)[1].split("<", 1)[0]
    talks = page.split("Conversations about a personal budget", 1)[1].split('nhsuk-table__cell--numeric">', 1)[1].split("<", 1)[0]
    return jobs, talks


def test_a_manager_sees_their_service_and_narrows_it_to_a_team(
    client: Client, world: World, places: Places, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.manager)
    page = client.get(reverse("choices:figures") + OCTOBER).content.decode()
    assert 'name="team"' in page and "Community team" in page and "Bradford team" not in page
    assert figures(client) == ("4", "3")
    assert figures(client, f"&team={places.one_to_one.pk}") == ("3", "0")
    with django_assert_max_num_queries(20):
        assert figures(client, f"&team={places.community.pk}") == ("1", "3")
    sign_in(client, places.bradford_manager)
    assert figures(client) == ("1", "0")


def test_a_commissioner_has_no_team_choice(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.commissioner)
    assert 'name="team"' not in client.get(reverse("choices:figures") + OCTOBER).content.decode()
    assert figures(client, f"&team={places.community.pk}") == figures(client)
