"""Signposting figures by service and team (docs/teams.md): a manager sees their service's people's
and narrows them to a team (who signposted them); a commissioner gets no team choice."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.tests.places import Places, place_world
from conftest import World, sign_in
from hub.tests.factories import SignpostingFactory
from people.tests.factories import PersonFactory

OCTOBER = "?kind=month&start=2025-10-01"


@pytest.fixture
def places(world: World) -> Places:
    places = place_world(world)
    day = date(2025, 10, 10)
    for _ in range(3):
        SignpostingFactory.create(person=PersonFactory.create(service=places.leeds), signposted_by=world.worker, signposted_on=day)
    SignpostingFactory.create(person=PersonFactory.create(service=places.leeds), signposted_by=places.community_worker, signposted_on=day)
    SignpostingFactory.create(person=PersonFactory.create(service=places.bradford), signposted_by=places.bradford_worker, signposted_on=day)
    return places


def signposted(client: Client, query: str = "") -> str:
    page = client.get(reverse("hub:figures") + OCTOBER + query).content.decode()
    return page.split('<th scope="row">All topics</th><td>', 1)[1].split("<", 1)[0]


def test_a_manager_sees_their_service_and_narrows_it_to_a_team(
    client: Client, world: World, places: Places, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.manager)
    page = client.get(reverse("hub:figures") + OCTOBER).content.decode()
    assert 'name="team"' in page and "Community team" in page and "Bradford team" not in page
    assert signposted(client) == "4"
    assert signposted(client, f"&team={places.one_to_one.pk}") == "3"
    with django_assert_max_num_queries(10):
        assert signposted(client, f"&team={places.community.pk}") == "1"
    assert (
        "Signposting figures, Community team"
        in client.get(reverse("hub:figures") + OCTOBER + f"&team={places.community.pk}").content.decode()
    )
    sign_in(client, places.bradford_manager)
    assert signposted(client) == "1"


def test_a_commissioner_has_no_team_choice(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.commissioner)
    assert 'name="team"' not in client.get(reverse("hub:figures") + OCTOBER).content.decode()
    assert signposted(client, f"&team={places.community.pk}") == signposted(client) == "5"
