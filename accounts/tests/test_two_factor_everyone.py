"""Two-factor for every staff role (issue 19 item 7), with recovery codes: volunteers, project
leads and commissioners must set up an authenticator app like everyone who works in the service;
ten one-use recovery codes are shown once; members keep their emailed links."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.PROJECT_LEAD, Role.COMMISSIONER])
def test_every_staff_role_must_set_up_two_factor(client: Client, role: str) -> None:
    UserFactory.create(username="pat", role=role)
    response = client.post(reverse("accounts:sign_in"), {"username": "pat", "password": TEST_PASSWORD})
    assert response["Location"] == reverse("accounts:two_factor_check")
    assert client.get(reverse("home"))["Location"] == reverse("accounts:two_factor_set_up")


def test_a_member_still_signs_in_without_two_factor(client: Client) -> None:
    UserFactory.create(username="mo", role=Role.MEMBER)
    response = client.post(reverse("accounts:sign_in"), {"username": "mo", "password": TEST_PASSWORD})
    assert response["Location"] == reverse("home")


def set_up(client: Client, username: str) -> list[str]:
    client.post(reverse("accounts:sign_in"), {"username": username, "password": TEST_PASSWORD})
    client.get(reverse("accounts:two_factor_set_up"))
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    page = client.post(reverse("accounts:two_factor_set_up"), {"code": code_for(device)}).content.decode()
    return re.findall(r"<code>([a-z2-7]{8})</code>", page)


def test_recovery_codes_are_given_once_and_each_works_once(client: Client) -> None:
    volunteer = UserFactory.create(username="vic", role=Role.VOLUNTEER)
    codes = set_up(client, "vic")
    assert len(codes) == 10 and len(set(codes)) == 10
    client.post(reverse("accounts:sign_out"))
    phone_lost = Client()
    phone_lost.post(reverse("accounts:sign_in"), {"username": "vic", "password": TEST_PASSWORD})
    assert phone_lost.post(reverse("accounts:two_factor_check"), {"code": codes[0].upper()}).status_code == 302
    assert phone_lost.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(user=volunteer, detail__step="recovery code", detail__codes_left=9).exists()
    again = Client()
    again.post(reverse("accounts:sign_in"), {"username": "vic", "password": TEST_PASSWORD})
    assert "That code did not work" in again.post(reverse("accounts:two_factor_check"), {"code": codes[0]}).content.decode()


def test_a_reset_removes_the_recovery_codes_too(client: Client, world: World) -> None:
    UserFactory.create(username="lee", role=Role.PROJECT_LEAD)
    set_up(client, "lee")
    lead = StaticDevice.objects.get().user
    sign_in(Client(), world.admin).post(reverse("accounts:user_reset_two_factor", kwargs={"user_id": lead.pk}))
    assert not StaticDevice.objects.filter(user=lead).exists() and not TOTPDevice.objects.filter(user=lead).exists()
