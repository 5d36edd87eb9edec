"""Given an STR worker with an authenticator app, when they add a passkey on their account page and
name it, then sign out and back in, they are offered the passkey first and it signs them in; without
JavaScript the same page offers the security code instead (issue 19). Chromium's virtual
authenticator (WebAuthn domain of the DevTools protocol) stands in for a phone or security key."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from audit.models import AuditEvent
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import current_code

SHOTS = Path(os.environ.get("STAR_PASSKEY_SHOTS", "/work/wt/shots/h-passkey"))


def _phone_sized_shot(page: Page, name: str) -> None:
    size = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 800})
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-375.png"), full_page=True)
    if size:
        page.set_viewport_size(size)


def _add_virtual_authenticator(page: Page) -> Any:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def _password(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.django_db(transaction=True)
def test_worker_adds_a_passkey_and_signs_in_with_it(live_server: LiveServer, page: Page) -> None:
    worker = UserFactory.create(role=Role.STR_WORKER, username="priya", first_name="Priya", last_name="Shah")
    app = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    cdp, authenticator = _add_virtual_authenticator(page)

    # Given Priya signed in with her password and her app's code
    _password(page, live_server.url, "priya")
    page.get_by_label("Security code").fill(current_code(app))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/")

    # When she adds a passkey on her account page
    page.goto(f"{live_server.url}/accounts/me/")
    expect(page.get_by_text("You have not added a passkey.")).to_be_visible()
    assert_accessible(page, "passkey-account-before")
    page.get_by_role("button", name="Add a passkey").click()

    # Then she is asked to name it, and her account lists it
    page.wait_for_url("**/accounts/me/passkeys/*/name/")
    expect(page.get_by_label("Name")).to_have_value("Passkey 1")
    assert_accessible(page, "passkey-name")
    page.get_by_label("Name").fill("Work laptop")
    page.get_by_role("button", name="Save name").click()
    page.wait_for_url(f"{live_server.url}/accounts/me/")
    expect(page.get_by_role("cell", name="Work laptop", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Not used yet")).to_be_visible()
    assert_accessible(page, "passkey-account-after")
    _phone_sized_shot(page, "account-with-passkey")
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    # When she signs out and signs in again with her password
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_role("button", name="Sign out", exact=True)).to_have_count(0)
    _password(page, live_server.url, "priya")

    # Then the passkey is offered first, and it signs her in
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    use = page.get_by_role("button", name="Use your passkey")
    expect(use).to_be_visible()
    assert_accessible(page, "passkey-two-factor-check")
    _phone_sized_shot(page, "two-factor-check-with-passkey")
    use.click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Sign out", exact=True)).to_be_visible()

    # And the trail records the passkey being added and used; the account shows when it was last used
    passkey = WebAuthnCredential.objects.get(user=worker)
    assert passkey.name == "Work laptop" and passkey.last_used_at is not None
    assert AuditEvent.objects.filter(user=worker, action=AuditEvent.Action.PASSKEY_ADDED).count() == 1
    assert AuditEvent.objects.filter(user=worker, action=AuditEvent.Action.SIGN_IN, detail__step="passkey").count() == 1
    page.goto(f"{live_server.url}/accounts/me/")
    expect(page.get_by_role("cell", name="Not used yet")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_check_says_so_and_the_code_still_works(live_server: LiveServer, browser: Browser) -> None:
    worker = UserFactory.create(role=Role.STR_WORKER, username="omar", first_name="Omar")
    app = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    WebAuthnCredential.objects.create(user=worker, name="Blue key", credential_id=b"no-js", public_key=b"key")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        _password(page, live_server.url, "omar")
        expect(page.get_by_text("Passkeys need JavaScript, which is switched off or blocked in this browser.")).to_be_visible()
        expect(page.get_by_role("button", name="Use your passkey")).to_have_count(0)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "two-factor-check-without-javascript-375.png"), full_page=True)
        page.get_by_label("Security code").fill(current_code(app))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(f"{live_server.url}/")
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_administrator_sees_each_accounts_two_factor_and_lock_on_the_users_page(live_server: LiveServer, page: Page) -> None:
    from browser_tests.helpers import sign_in_through_pages

    admin = UserFactory.create(role=Role.ADMIN, username="ayo", first_name="Ayo", last_name="Bello")
    worker = UserFactory.create(role=Role.STR_WORKER, username="priya", first_name="Priya", last_name="Shah")
    TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    WebAuthnCredential.objects.create(user=worker, name="Work laptop", credential_id=b"users-page", public_key=b"key")
    UserFactory.create(role=Role.VOLUNTEER, username="kit", first_name="Kit", last_name="Moss")
    for _ in range(6):  # someone guessing Kit's password
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill("kit")
        page.get_by_label("Password").fill("a wrong guess at the password")
        page.get_by_role("button", name="Sign in").click()
    sign_in_through_pages(page, live_server.url, admin)
    page.goto(f"{live_server.url}/accounts/users/")
    expect(page.get_by_text("1 passkey, Authenticator app")).to_be_visible()
    assert_accessible(page, "users-page")
    _phone_sized_shot(page, "users-page")
    page.get_by_label("Only staff without two-factor (no app and no passkey)").check()
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Kit Moss")).to_be_visible()
    expect(page.get_by_role("link", name="Priya Shah")).to_have_count(0)
    expect(page.get_by_text("Locked out at an address")).to_be_visible()
    assert_accessible(page, "users-page-filtered")
