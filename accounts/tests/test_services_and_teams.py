"""The administrator's services and teams page, placing users, and the migration that places an
existing install's records in one service and team (docs/teams.md)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.test import Client
from markupsafe import escape

from accounts.models import Service, Team, User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from community.tests.factories import ProjectFactory
from conftest import World, sign_in
from people.tests.factories import PersonFactory
from referrals.tests.factories import ReferralFactory

PAGE = "/accounts/services-and-teams/"


def test_an_administrator_adds_a_service_and_its_teams(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    assert "There are no services yet" in client.get(PAGE).content.decode()
    assert client.post(f"{PAGE}services/new/", {"name": "Leeds STR service"}).status_code == 302
    leeds = Service.objects.get(name="Leeds STR service")
    assert client.post(f"{PAGE}teams/new/", {"service": leeds.pk, "name": "1-to-1 team"}).status_code == 302
    assert client.post(f"{PAGE}teams/new/", {"service": leeds.pk, "name": "Community team"}).status_code == 302
    body = client.get(PAGE).content.decode()
    assert "Leeds STR service" in body and "1-to-1 team" in body and "Community team" in body
    assert AuditEvent.objects.filter(user=world.admin, action="create", detail__team="Community team").exists()
    assert AuditEvent.objects.filter(user=world.admin, action="create", detail__service="Leeds STR service").exists()


def test_names_are_checked(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    leeds = Service.objects.create(name="Leeds")
    Team.objects.create(service=leeds, name="1-to-1 team")
    response = client.post(f"{PAGE}services/new/", {"name": "leeds"})
    assert response.status_code == 400 and "There is already a service with this name" in response.content.decode()
    response = client.post(f"{PAGE}teams/new/", {"service": leeds.pk, "name": "1-TO-1 team"})
    assert response.status_code == 400 and "This service already has a team with this name" in response.content.decode()
    response = client.post(f"{PAGE}teams/new/", {"service": leeds.pk, "name": ""})
    assert response.status_code == 400 and "Enter the name of the team" in response.content.decode()
    assert Service.objects.count() == 1 and Team.objects.count() == 1


def test_an_administrator_puts_a_user_in_a_team_or_a_whole_service(client: Client, world: World) -> None:
    leeds = Service.objects.create(name="Leeds")
    community = Team.objects.create(service=leeds, name="Community team")
    sign_in(client, world.admin)
    page = client.get(f"/accounts/users/{world.worker.pk}/").content.decode()
    assert "Where they work" in page and f'value="team:{community.pk}"' in page
    assert client.post(f"/accounts/users/{world.worker.pk}/place/", {"place": f"team:{community.pk}"}).status_code == 302
    world.worker.refresh_from_db()
    assert world.worker.team == community and world.worker.service == leeds, "a team's member is in its service"
    assert client.post(f"/accounts/users/{world.manager.pk}/place/", {"place": f"service:{leeds.pk}"}).status_code == 302
    world.manager.refresh_from_db()
    assert world.manager.service == leeds and world.manager.team is None
    assert client.post(f"/accounts/users/{world.manager.pk}/place/", {"place": ""}).status_code == 302
    # fetched afresh: mypy still holds world.manager.service to the Service asserted above
    assert User.objects.get(pk=world.manager.pk).service is None
    event = AuditEvent.objects.filter(user=world.admin, action="user_updated", object_id=str(world.worker.pk)).latest("id")
    assert event.detail["place"] == {"service": leeds.pk, "team": community.pk}
    users = client.get("/accounts/users/").content.decode()
    assert str(escape(community.name)) in users and "Not limited" in users


def test_a_place_that_does_not_exist_changes_nothing(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    client.post(f"/accounts/users/{world.worker.pk}/place/", {"place": "team:999"})
    world.worker.refresh_from_db()
    assert world.worker.team is None


@pytest.mark.parametrize("role", [Role.MANAGER, Role.STR_WORKER, Role.COMMISSIONER])
def test_only_administrators_place_people(client: Client, world: World, role: str) -> None:
    leeds = Service.objects.create(name="Leeds")
    sign_in(client, world.user_for(role))
    assert client.post(f"/accounts/users/{world.worker.pk}/place/", {"place": f"service:{leeds.pk}"}).status_code == 403
    assert client.post(f"{PAGE}services/new/", {"name": "Bradford"}).status_code == 403
    world.worker.refresh_from_db()
    assert world.worker.service is None and not Service.objects.filter(name="Bradford").exists()


def test_the_migration_places_an_existing_installs_records_in_one_service_and_team(world: World) -> None:
    migration = importlib.import_module("accounts.migrations.0006_one_service_and_team_for_what_exists")
    project = ProjectFactory.create()
    referral = ReferralFactory.create(person=PersonFactory.create())
    commissioner = UserFactory.create(role=Role.COMMISSIONER)
    migration.place_everything(apps, None)
    service = Service.objects.get()
    team = Team.objects.get()
    assert team.service == service
    world.worker.refresh_from_db()
    world.manager.refresh_from_db()
    world.admin.refresh_from_db()
    assert world.worker.team == team and world.worker.service == service
    assert world.manager.service == service and world.manager.team is None
    assert world.admin.service is None and User.objects.get(pk=commissioner.pk).service is None
    referral.refresh_from_db()
    project.refresh_from_db()
    assert referral.service == service and referral.person.service == service and project.team == team


def test_the_migration_leaves_an_empty_install_without_a_service(db: None) -> None:
    migration = importlib.import_module("accounts.migrations.0006_one_service_and_team_for_what_exists")
    migration.place_everything(apps, None)
    assert not Service.objects.exists()
