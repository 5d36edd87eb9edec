"""The administrator manages accounts: create with a role, change, deactivate, reset two-factor."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.models import AuditEvent
from conftest import World, sign_in

NEW_USER = {
    "username": "jo.bloggs",
    "first_name": "Jo",
    "last_name": "Bloggs",
    "email": "jo@example.org",
    "role": "str_worker",
    "is_active": "on",
    "password": "correct horse battery staple",
}


def test_an_admin_creates_a_user_with_a_role(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    response = client.post(reverse("accounts:user_new"), NEW_USER)
    user = User.objects.get(username="jo.bloggs")
    assert response["Location"] == reverse("accounts:user_detail", kwargs={"user_id": user.pk})
    assert user.role == "str_worker" and user.check_password(NEW_USER["password"])
    assert not user.is_active, "a role that reads clinical records waits for a service manager's approval"
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    assert AuditEvent.objects.filter(action="user_created", object_id=str(user.pk)).count() == 1


def test_short_and_common_passwords_are_refused_in_plain_english(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    short = client.post(reverse("accounts:user_new"), {**NEW_USER, "password": "fourteen chars"}).content.decode()
    assert "The password must be at least 15 characters" in short
    common = client.post(reverse("accounts:user_new"), {**NEW_USER, "password": "1q2w3e4r5t6y7u8i9o0p"}).content.decode()
    assert "That password is too common" in common
    assert not User.objects.filter(username="jo.bloggs").exists()


def test_a_taken_username_is_refused(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    page = client.post(reverse("accounts:user_new"), {**NEW_USER, "username": "WORKER"}).content.decode()
    assert "That username is already taken" in page


def test_an_admin_resets_two_factor(client: Client, world: World) -> None:
    TOTPDevice.objects.create(user=world.worker, name="Lost phone", confirmed=True)
    sign_in(client, world.admin)
    client.post(reverse("accounts:user_reset_two_factor", kwargs={"user_id": world.worker.pk}))
    assert not TOTPDevice.objects.filter(user=world.worker).exists()
    assert AuditEvent.objects.filter(action="two_factor_reset", object_id=str(world.worker.pk)).exists()


def test_an_admin_changes_a_role_and_deactivates(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    data = {"first_name": "Sam", "last_name": "Okafor", "email": "sam@example.org", "role": "manager"}
    client.post(reverse("accounts:user_detail", kwargs={"user_id": world.worker.pk}), data)
    world.worker.refresh_from_db()
    # Deactivated at once; the manager role waits for another service manager's approval.
    assert world.worker.role == "str_worker" and not world.worker.is_active
    assert world.worker.role_changes.get().to_role == "manager"
    events = AuditEvent.objects.filter(action="user_updated")
    assert any("is_active" in event.detail.get("changed", []) for event in events)
    assert any(event.detail.get("role_change_requested") == "manager" for event in events)


def test_nobody_else_manages_users(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    assert client.post(reverse("accounts:user_new"), NEW_USER).status_code == 403
    assert not User.objects.filter(username="jo.bloggs").exists()
