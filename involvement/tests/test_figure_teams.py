"""Involvement figures are the organisation's (docs/teams.md): with teams to choose between, the
page says so rather than offering a team it cannot divide by."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.tests.places import place_world
from conftest import World, sign_in

SAYS = "These are the whole organisation's"


def test_involvement_figures_say_they_are_the_organisations(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    assert SAYS not in client.get(reverse("involvement:figures")).content.decode(), "no teams: nothing to explain"
    place_world(world)
    page = client.get(reverse("involvement:figures")).content.decode()
    assert SAYS in page and 'name="team"' not in page
