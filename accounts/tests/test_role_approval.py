"""No administrator gives a role that reads clinical records alone (issue 19 item 3): not to
themselves, not to a new account of their own; a service manager who did not ask approves it,
and every request and decision is audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import RoleChange, User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in

pytestmark = pytest.mark.django_db


def edit(world_admin_client: Client, user: User, role: str) -> str:
    data = {"first_name": user.first_name or "A", "last_name": user.last_name or "B", "email": user.email, "role": role, "is_active": "on"}
    return world_admin_client.post(reverse("accounts:user_detail", kwargs={"user_id": user.pk}), data, follow=True).content.decode()


@pytest.mark.parametrize("role", ["str_worker", "manager"])
def test_an_administrator_cannot_give_themselves_a_clinical_role(client: Client, world: World, role: str) -> None:
    sign_in(client, world.admin)
    page = edit(client, world.admin, role)
    world.admin.refresh_from_db()
    assert world.admin.role == Role.ADMIN
    assert "You cannot give yourself a role that reads clinical records" in page
    assert not RoleChange.objects.exists()


def test_a_new_account_with_a_clinical_role_is_off_until_a_manager_approves(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    client.post(
        reverse("accounts:user_new"),
        {
            "username": "admin.second",
            "first_name": "Second",
            "last_name": "Self",
            "email": "second@example.org",
            "role": "manager",
            "is_active": "on",
            "password": "correct horse battery staple",
        },
    )
    account = User.objects.get(username="admin.second")
    assert account.role == "manager" and not account.is_active
    # It cannot be used: signing in with it fails.
    assert (
        "_auth_user_id"
        not in Client()
        .post(reverse("accounts:sign_in"), {"username": "admin.second", "password": "correct horse battery staple"})
        .wsgi_request.session
    )
    change = RoleChange.objects.get(user=account)
    manager = sign_in(Client(), world.manager)
    assert "Second Self: Service manager" in manager.get(reverse("accounts:role_changes")).content.decode()
    manager.post(reverse("accounts:role_change_decide", kwargs={"change_id": change.pk}), {"decision": "approve"})
    assert User.objects.get(pk=account.pk).is_active  # fetched afresh: mypy holds account.is_active to False from above
    assert AuditEvent.objects.filter(user=world.manager, action="user_updated", detail__role_change="approved").exists()


def test_a_role_change_to_a_clinical_role_needs_someone_else(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    edit(client, world.volunteer, "str_worker")
    world.volunteer.refresh_from_db()
    assert world.volunteer.role == Role.VOLUNTEER
    change = RoleChange.objects.get()
    # The administrator cannot approve it (403), nor can the account's holder, nor whoever asked.
    assert client.post(reverse("accounts:role_change_decide", kwargs={"change_id": change.pk}), {"decision": "approve"}).status_code == 403
    asker = UserFactory.create(role=Role.MANAGER)
    own = RoleChange.objects.create(user=asker, from_role="manager", to_role="str_worker", requested_by=world.admin)
    asker_client = sign_in(Client(), asker)
    asker_client.post(reverse("accounts:role_change_decide", kwargs={"change_id": own.pk}), {"decision": "approve"})
    own.refresh_from_db()
    assert own.status == RoleChange.Status.PENDING
    sign_in(Client(), world.manager).post(reverse("accounts:role_change_decide", kwargs={"change_id": change.pk}), {"decision": "approve"})
    world.volunteer.refresh_from_db()
    assert world.volunteer.role == Role.STR_WORKER


def test_a_refused_role_is_not_applied(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    edit(client, world.volunteer, "manager")
    change = RoleChange.objects.get()
    sign_in(Client(), world.manager).post(reverse("accounts:role_change_decide", kwargs={"change_id": change.pk}), {"decision": "refuse"})
    world.volunteer.refresh_from_db()
    assert world.volunteer.role == Role.VOLUNTEER
    assert RoleChange.objects.get().status == RoleChange.Status.REFUSED


def test_a_role_away_from_clinical_records_applies_at_once(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    edit(client, world.worker, "volunteer")
    world.worker.refresh_from_db()
    assert world.worker.role == Role.VOLUNTEER and not RoleChange.objects.exists()
