"""Volunteering figures by service and team (docs/teams.md): a manager sees their service's
volunteers and hours and narrows them to a team (its projects' rotas and hours); a commissioner gets
no team choice."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.places import Places, place_world
from community.models import Project
from community.tests.factories import ActivityFactory, ProjectFactory, SessionFactory
from conftest import World, sign_in
from volunteers.models import HoursEntry, Stage, Volunteer
from volunteers.tests.factories import RotaSlotFactory, VolunteerFactory


def gave(volunteer: Volunteer, project: Project | None, minutes: int) -> None:
    HoursEntry.objects.create(volunteer=volunteer, project=project, worked_on=timezone.localdate(), minutes=minutes)


@pytest.fixture
def places(world: World) -> Places:
    places = place_world(world)
    drop_in = ProjectFactory.create(name="Zq Drop-in", team=places.one_to_one)
    walking = ProjectFactory.create(name="Zq Walking group", team=places.community)
    bradford = ProjectFactory.create(name="Zq Bradford cafe", team=places.bradford_team)
    for _ in range(3):
        gave(VolunteerFactory.create(service=places.leeds), drop_in, 60)
    rostered = VolunteerFactory.create(service=places.leeds, stage=Stage.APPROVED)
    RotaSlotFactory.create(session=SessionFactory.create(activity=ActivityFactory.create(project=walking)), volunteer=rostered)
    gave(VolunteerFactory.create(service=places.leeds), walking, 90)
    gave(VolunteerFactory.create(service=places.bradford), bradford, 600)
    return places


def page(client: Client, query: str = "") -> str:
    return client.get(reverse("volunteers:report") + "?period=quarter" + query).content.decode()


def active(page: str) -> str:
    return page.split('<td class="nhsuk-table__cell">Active</td><td class="nhsuk-table__cell">', 1)[1].split("<", 1)[0]


def approved(page: str) -> str:
    return page.split('<td class="nhsuk-table__cell">Approved</td><td class="nhsuk-table__cell">', 1)[1].split("<", 1)[0]


def test_a_manager_sees_their_service_and_narrows_it_to_a_team(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.manager)
    everyone = page(client)
    assert 'name="team"' in everyone and "Community team" in everyone and "Bradford team" not in everyone
    assert active(everyone) == "4" and "Zq Bradford cafe" not in everyone
    assert "4h 30m in total" in everyone, "3 × 60 + 90 minutes: not Bradford's"
    community = page(client, f"&team={places.community.pk}")
    assert "Volunteering figures, Community team" in community
    assert active(community) == "1" and approved(community) == "1", "who gave hours there, and who is on its rota"
    assert "1h 30m in total" in community and "Zq Walking group" in community and "Zq Drop-in" not in community
    assert active(page(client, f"&team={places.one_to_one.pk}")) == "3"
    assert active(page(client, f"&team={places.bradford_team.pk}")) == "4", "another service's team is not a choice"
    sign_in(client, places.bradford_manager)
    assert active(page(client)) == "1"


def test_a_commissioner_has_no_team_choice(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.commissioner)
    everyone = page(client)
    assert 'name="team"' not in everyone
    narrowed = page(client, f"&team={places.community.pk}")
    assert "Volunteering figures</h1>" in narrowed and "Zq Bradford cafe" in narrowed and "Zq Drop-in" in narrowed


def test_narrowing_to_a_team_costs_the_same_however_much_data(
    client: Client, world: World, places: Places, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.manager)
    walking = Project.objects.get(name="Zq Walking group")
    with django_assert_max_num_queries(14):
        page(client, f"&team={places.community.pk}")
    for _ in range(10):
        gave(VolunteerFactory.create(service=places.leeds), walking, 30)
    with django_assert_max_num_queries(14):
        assert active(page(client, f"&team={places.community.pk}")) == "11"
