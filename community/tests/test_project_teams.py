"""Projects belong to a team (docs/teams.md): the service's managers run them, a manager of
another service does not reach them, and a new project goes to the maker's team."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from markupsafe import escape

from accounts.teams import in_service_of, in_teams_of_service
from accounts.tests.places import Places, place_world
from community.models import Project, Session
from community.tests.factories import ActivityFactory, ProjectFactory, SessionFactory
from conftest import World, sign_in


@pytest.fixture
def places(world: World) -> Places:
    return place_world(world)


def answers(**changes: Any) -> dict[str, Any]:
    data = {
        "name": "Handsworth Hearts",
        "description": "Peer support on Wednesdays",
        "who_it_is_for": "Adults in north-west Birmingham",
        "lead_organisation": "Handsworth Hearts CIC",
    }
    data.update(changes)
    return data


def test_a_manager_lists_and_runs_only_their_services_projects(client: Client, world: World, places: Places) -> None:
    ours = ProjectFactory.create(team=places.community)
    theirs = ProjectFactory.create(team=places.bradford_team)
    session = SessionFactory.create(activity=ActivityFactory.create(project=theirs))
    sign_in(client, world.manager)
    listed = client.get(reverse("community:project_list")).content.decode()
    assert str(escape(ours.name)) in listed and str(escape(theirs.name)) not in listed
    assert client.get(reverse("community:project_detail", kwargs={"project_id": theirs.pk})).status_code == 404
    assert client.get(reverse("community:register", kwargs={"session_id": session.pk})).status_code == 404
    sign_in(client, places.bradford_manager)
    assert client.get(reverse("community:project_detail", kwargs={"project_id": theirs.pk})).status_code == 200
    assert client.get(reverse("community:project_detail", kwargs={"project_id": ours.pk})).status_code == 404


def test_no_team_or_a_team_of_the_service_is_the_services_rule(world: World, places: Places) -> None:
    """`in_teams_of_service` (a subquery of the service's teams, so the list walks its name index)
    lets through the same projects and sessions as the service rule through the teams."""
    unplaced = ProjectFactory.create(team=None)
    for team in (places.one_to_one, places.community, places.bradford_team, None):
        SessionFactory.create(activity=ActivityFactory.create(project=ProjectFactory.create(team=team) if team else unplaced))
    for user in (world.manager, places.bradford_manager, world.admin):
        projects = set(Project.objects.filter(in_teams_of_service(user)))
        assert projects == set(Project.objects.filter(in_service_of(user, "team__service")))
        assert unplaced in projects
        sessions = set(Session.objects.filter(in_teams_of_service(user, "activity__project__team")))
        assert sessions == set(Session.objects.filter(in_service_of(user, "activity__project__team__service")))
    assert len(set(Project.objects.filter(in_teams_of_service(world.manager)))) == 3  # Leeds's two, and the unplaced one


def test_a_manager_chooses_the_team_from_their_own_services_teams(client: Client, world: World, places: Places) -> None:
    sign_in(client, world.manager)
    form = client.get(reverse("community:project_new")).content.decode()
    assert "Team that runs it" in form
    assert str(escape(places.community.name)) in form and str(escape(places.bradford_team.name)) not in form
    assert str(escape(places.community_worker.display_name)) in form, "workers of the service may support it"
    assert str(escape(places.bradford_worker.display_name)) not in form
    response = client.post(reverse("community:project_new"), answers(team=places.bradford_team.pk))
    assert response.status_code == 200 and "Choose one of your service" in response.content.decode()
    response = client.post(reverse("community:project_new"), answers())
    assert response.status_code == 200 and "Choose the team that runs it" in response.content.decode()
    assert not Project.objects.exists()
    assert client.post(reverse("community:project_new"), answers(team=places.community.pk)).status_code == 302
    assert Project.objects.get().team == places.community


def test_with_one_team_there_is_no_choice_and_the_project_is_that_teams(client: Client, world: World, places: Places) -> None:
    sign_in(client, places.bradford_manager)
    form = client.get(reverse("community:project_new")).content.decode()
    assert "Team that runs it" not in form
    assert client.post(reverse("community:project_new"), answers()).status_code == 302
    assert Project.objects.get().team == places.bradford_team
