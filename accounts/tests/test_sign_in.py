"""Signing in: passwords, lockout, two-factor, session rotation and lifetime (ASVS V6, V7)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import SIGNED_IN_AT
from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from audit.models import AuditEvent

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

ROOT = Path(__file__).resolve().parents[2]


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def post_sign_in(client: Client, username: str, password: str = TEST_PASSWORD) -> _MonkeyPatchedWSGIResponse:
    return client.post(reverse("accounts:sign_in"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2_outside_tests() -> None:
    from star.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_a_member_signs_in_without_two_factor_and_the_session_key_changes(client: Client) -> None:
    UserFactory.create(username="alex", role=Role.MEMBER)
    client.get(reverse("accounts:sign_in"))
    client.session.save()
    before = client.session.session_key
    response = post_sign_in(client, "alex")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.session.session_key != before
    assert AuditEvent.objects.filter(action="sign_in").count() == 1


@pytest.mark.django_db
def test_wrong_password_gives_one_message_for_any_mistake(client: Client) -> None:
    UserFactory.create(username="alex", role=Role.MEMBER)
    wrong_password = post_sign_in(client, "alex", "not the password at all").content.decode()
    no_such_user = post_sign_in(client, "nobody", "not the password at all").content.decode()
    message = "The username or password is not right"
    assert message in wrong_password and message in no_such_user
    failed = AuditEvent.objects.filter(action="sign_in_failed")
    assert failed.count() == 2
    assert "not the password" not in str(list(failed.values_list("detail", flat=True)))


@pytest.mark.django_db
def test_an_account_locks_after_repeated_failures(client: Client) -> None:
    UserFactory.create(username="alex", role=Role.MEMBER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_sign_in(client, "alex", "wrong password guess")
    locked = post_sign_in(client, "alex")  # even the right password is refused now
    assert locked.status_code == 429
    assert "Your account is locked for now" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_worker_must_set_up_two_factor_with_a_qr_code_before_anything_else(client: Client) -> None:
    worker = UserFactory.create(username="sam", role=Role.STR_WORKER)
    response = post_sign_in(client, "sam")
    assert response["Location"] == reverse("accounts:two_factor_check")
    assert client.get(reverse("people:search"))["Location"] == reverse("accounts:two_factor_set_up")
    page = client.get(reverse("accounts:two_factor_set_up")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page and "QR code to scan with your authenticator app" in page

    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor_set_up"), {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "That code did not work" in wrong.content.decode()
    too_soon = client.post(reverse("accounts:two_factor_set_up"), {"code": code_for(device)})
    assert "You have entered codes too quickly" in too_soon.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(reverse("accounts:two_factor_set_up"), {"code": code_for(device)})
    assert right.status_code == 200 and 'data-testid="recovery-codes"' in right.content.decode()  # shown once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("people:search")).status_code == 200
    assert AuditEvent.objects.filter(action="two_factor_set_up", user=worker).count() == 1


@pytest.mark.django_db
def test_a_worker_with_two_factor_enters_a_code_at_each_sign_in(client: Client) -> None:
    worker = UserFactory.create(username="sam", role=Role.STR_WORKER)
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    post_sign_in(client, "sam")
    assert client.get(reverse("home"))["Location"] == reverse("accounts:two_factor_check")
    letters = client.post(reverse("accounts:two_factor_check"), {"code": "12ab56"}).content.decode()
    assert "Enter the security code as 6 numbers" in letters
    assert client.post(reverse("accounts:two_factor_check"), {"code": code_for(device)}).status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_a_code_cannot_be_used_twice(client: Client) -> None:
    worker = UserFactory.create(username="sam", role=Role.STR_WORKER)
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    post_sign_in(client, "sam")
    code = code_for(device)
    client.post(reverse("accounts:two_factor_check"), {"code": code})
    client.post(reverse("accounts:sign_out"))
    post_sign_in(client, "sam")
    replay = client.post(reverse("accounts:two_factor_check"), {"code": code})
    assert "That code did not work" in replay.content.decode()


@pytest.mark.django_db
def test_demo_accounts_skip_two_factor_only_when_local_settings_allow(client: Client) -> None:
    UserFactory.create(username="demo-worker", role=Role.STR_WORKER, is_demo_account=True)
    post_sign_in(client, "demo-worker")
    assert client.get(reverse("people:search")).status_code == 302  # tests, like production, do not skip
    with override_settings(STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR=True):
        assert client.get(reverse("people:search")).status_code == 200
        UserFactory.create(username="real-worker", role=Role.STR_WORKER)
        other = Client()
        post_sign_in(other, "real-worker")
        assert other.get(reverse("people:search")).status_code == 302  # only demo accounts


def _import_production_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("STAR_")}
    environment.update(
        {"SECRET_KEY": "s" * 60, "DJANGO_SETTINGS_MODULE": "star.settings.production", "ALLOWED_HOSTS": "star.example.org", **env}
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_the_demo_two_factor_switch() -> None:
    refused = _import_production_settings(STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR="true")
    assert refused.returncode != 0
    assert "refused in production" in refused.stderr
    normal = _import_production_settings()
    assert normal.returncode == 0, normal.stderr
    assert normal.stdout.strip() == "False"


def test_production_settings_refuse_a_short_secret_key() -> None:
    refused = _import_production_settings(SECRET_KEY="short")
    assert refused.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in refused.stderr


def test_session_limits_are_the_documented_ones() -> None:
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_HOURS * 3600 == 10 * 3600


@pytest.mark.django_db
def test_sessions_end_after_their_absolute_lifetime(client: Client) -> None:
    member = UserFactory.create(role=Role.MEMBER)
    client.force_login(member)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - settings.SESSION_ABSOLUTE_HOURS * 3600 - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign_in"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_deactivated_user_is_signed_out_at_their_next_request(client: Client) -> None:
    member = UserFactory.create(role=Role.MEMBER)
    client.force_login(member)
    member.is_active = False
    member.save()
    # Signed out: the front page is the public one, and their own pages ask them to sign in.
    assert "Sign in" in client.get(reverse("home")).content.decode()
    assert client.get(reverse("portal:home"))["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.django_db
def test_sign_out_only_by_post(client: Client) -> None:
    member = UserFactory.create(role=Role.MEMBER)
    client.force_login(member)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    assert client.post(reverse("accounts:sign_out")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_never_redirects_to_another_site(client: Client) -> None:
    UserFactory.create(username="alex", role=Role.MEMBER)
    response = client.post(reverse("accounts:sign_in"), {"username": "alex", "password": TEST_PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")
