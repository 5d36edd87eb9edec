"""People in services (docs/teams.md): a manager reaches the people of their service (and people
not yet placed in one); a worker's emergency access never reaches another service's records."""

from __future__ import annotations

import pytest
from django.test import Client
from markupsafe import escape

from accounts.tests.places import Places, place_world
from conftest import World, sign_in
from people.access import break_glass_grants_for_review, people_visible_to
from people.models import BreakGlassGrant, Person
from people.tests.factories import PersonFactory
from people.tests.test_break_glass import request_access
from people.tests.test_person_form import form_data
from people.tests.test_search import search


@pytest.fixture
def places(world: World) -> Places:
    return place_world(world)


def test_a_manager_reaches_their_services_people_and_people_not_yet_placed(world: World, places: Places) -> None:
    in_bradford = PersonFactory.create(service=places.bradford)
    not_placed = PersonFactory.create()
    leeds_view = set(people_visible_to(world.manager))
    assert world.stranger in leeds_view and not_placed in leeds_view and in_bradford not in leeds_view
    bradford_view = set(people_visible_to(places.bradford_manager))
    assert in_bradford in bradford_view and not_placed in bradford_view and world.stranger not in bradford_view


def test_a_manager_of_another_service_cannot_find_or_open_a_record(client: Client, world: World, places: Places) -> None:
    sign_in(client, places.bradford_manager)
    assert client.get(f"/people/{world.stranger.pk}/").status_code == 404
    assert str(escape(world.stranger.full_name)) not in search(client, world.stranger.family_name)
    sign_in(client, world.manager)
    assert str(escape(world.stranger.full_name)) in search(client, world.stranger.family_name)


def test_someone_registered_by_a_worker_is_in_the_workers_service(client: Client, world: World, places: Places) -> None:
    sign_in(client, places.bradford_worker)
    assert client.post("/people/new/", form_data()).status_code == 302
    person = Person.objects.latest("created_at")
    assert person.service == places.bradford
    assert client.get(f"/people/{person.pk}/").status_code == 200
    sign_in(client, world.manager)
    assert client.get(f"/people/{person.pk}/").status_code == 404


def test_emergency_access_does_not_reach_another_services_record(client: Client, world: World, places: Places) -> None:
    sign_in(client, places.bradford_worker)
    response = request_access(client, nhs_number=world.stranger.nhs_number)
    assert response.status_code == 200 and "No single record matches those details" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    # A worker in another team of the same service may: emergency cover is the service's.
    sign_in(client, places.community_worker)
    assert request_access(client, nhs_number=world.stranger.nhs_number).status_code == 302


def test_the_managers_emergency_access_review_is_their_services(client: Client, world: World, places: Places) -> None:
    bradford_person = PersonFactory.create(service=places.bradford)
    sign_in(client, places.bradford_worker)
    request_access(client, nhs_number=bradford_person.nhs_number)
    sign_in(client, places.community_worker)
    request_access(client, nhs_number=world.stranger.nhs_number)
    assert {g.person for g in break_glass_grants_for_review(world.manager)} == {world.stranger}
    assert {g.person for g in break_glass_grants_for_review(places.bradford_manager)} == {bradford_person}
