"""The administrator's users page (issue 18): last sign-in, which second factors each account has,
locked out or slowed, live sessions, with filters; its cost does not grow with the number of users."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from conftest import World, sign_in

pytestmark = pytest.mark.django_db
USERS = reverse("accounts:user_list")


def row_of(page: str, username: str) -> str:
    start = page.index(f">{username}<")
    return page[start : page.index("</tr>", start)]


def fail_sign_in(username: str, times: int) -> None:
    for _ in range(times):
        Client().post(reverse("accounts:sign_in"), {"username": username, "password": "wrong guess"}, REMOTE_ADDR="192.0.2.7")


def test_each_account_shows_last_sign_in_factors_and_sessions(client: Client, world: World) -> None:
    world.worker.last_login = timezone.now()
    world.worker.save(update_fields=["last_login"])
    TOTPDevice.objects.create(user=world.worker, name="Phone", confirmed=True)
    WebAuthnCredential.objects.create(user=world.worker, name="Key", credential_id=b"k1", public_key=b"p")
    codes = StaticDevice.objects.create(user=world.worker, name="Recovery codes", confirmed=True)
    StaticToken.objects.bulk_create([StaticToken(device=codes, token=f"abcdefg{n}") for n in range(3)])
    Client().force_login(world.worker)  # a second, live session
    page = sign_in(client, world.admin).get(USERS).content.decode()
    worker = row_of(page, "worker")
    assert "1 passkey, Authenticator app, 3 recovery codes left" in worker
    assert "Never" not in worker
    assert ">Sessions </span>1<" in worker
    assert "None set up" in row_of(page, "manager")
    assert "Not needed (emailed links)" in row_of(page, "member")


def test_locked_out_and_slowed_accounts_show_and_filter(client: Client, world: World, settings: Any) -> None:
    fail_sign_in("volunteer", settings.AXES_FAILURE_LIMIT + 1)
    page = sign_in(client, world.admin).get(USERS).content.decode()
    assert "Locked out at an address" in row_of(page, "volunteer")
    assert ">Locked </span>No<" in row_of(page, "worker")
    locked = client.get(USERS, {"locked": "on"}).content.decode()
    assert ">volunteer<" in locked and ">worker<" not in locked
    assert "1 account matching the filters" in locked


def test_filters_by_role_and_by_missing_two_factor(client: Client, world: World) -> None:
    sign_in(client, world.admin)  # the admin now has an app; nobody else does
    WebAuthnCredential.objects.create(user=world.lead, name="Key", credential_id=b"k2", public_key=b"p")
    workers = client.get(USERS, {"role": Role.STR_WORKER}).content.decode()
    assert ">worker<" in workers and ">other_worker<" in workers and ">manager<" not in workers
    missing = client.get(USERS, {"no_two_factor": "on"}).content.decode()
    assert ">manager<" in missing and ">worker<" in missing
    assert ">admin<" not in missing and ">lead<" not in missing and ">member<" not in missing
    both = client.get(USERS, {"no_two_factor": "on", "role": Role.MANAGER}).content.decode()
    assert "1 account matching the filters" in both


def test_the_page_costs_the_same_with_many_users(client: Client, world: World, django_assert_max_num_queries: Any) -> None:
    sign_in(client, world.admin)
    with CaptureQueriesContext(connection) as few:
        client.get(USERS)
    first = len(few)  # now: the log is cleared by the next request
    assert first <= 8
    for number in range(40):
        user = UserFactory.create(role=Role.STR_WORKER, username=f"worker{number}", last_login=timezone.now())
        TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        WebAuthnCredential.objects.create(user=user, name="Key", credential_id=f"many{number}".encode(), public_key=b"p")
        Client().force_login(user)
    fail_sign_in("worker3", 6)
    with django_assert_max_num_queries(first):
        response = client.get(USERS, {"locked": "on"})
    assert ">worker3<" in response.content.decode()
    with django_assert_max_num_queries(first):
        client.get(USERS, {"page": 2})
