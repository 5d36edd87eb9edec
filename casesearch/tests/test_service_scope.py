"""Search in notes by service (docs/teams.md): a manager finds notes about their own service's
people only."""

from __future__ import annotations

from django.test import Client

from accounts.tests.places import place_world
from casesearch.tests.test_note_search import note, search
from conftest import World, sign_in


def test_a_manager_finds_only_their_own_services_notes(client: Client, world: World) -> None:
    places = place_world(world)
    note(world, "Food bank voucher for Alan", person=world.stranger)
    assert "1 note found" in search(sign_in(client, world.manager), "food bank").content.decode()
    assert "0 notes found" in search(sign_in(client, places.bradford_manager), "food bank").content.decode()
