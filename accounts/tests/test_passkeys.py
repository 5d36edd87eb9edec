"""Passkeys as a second factor (issue 19): staff add, name and remove them on their account page,
each step audited; at the two-factor step a passkey is offered first and its use is audited, a
failure too; the relying party and origins come from settings. The WebAuthn signatures themselves
are checked by the browser journey (browser_tests/test_passkey_journey.py) with Chromium's virtual
authenticator; here the package's verification is stood in for."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp_webauthn.exceptions import CredentialNotFound
from django_otp_webauthn.models import WebAuthnCredential

from accounts import passkeys, services
from accounts.models import User
from accounts.tests.factories import TEST_PASSWORD
from audit.models import AuditEvent
from conftest import World, sign_in

pytestmark = pytest.mark.django_db

HERE: dict[str, Any] = {"HTTP_HOST": "localhost:8000"}
JSON: dict[str, Any] = {"content_type": "application/json", **HERE}


def passkey_for(user: User, name: str = "Blue key", credential_id: bytes = b"cred-1") -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(user=user, name=name, credential_id=credential_id, public_key=b"key")


def half_signed_in(client: Client, user: User) -> Client:
    """Password given, second factor not yet."""
    client.force_login(user)
    return client


# The account page


def test_account_page_lists_passkeys_with_when_each_was_last_used(client: Client, world: World) -> None:
    passkey_for(world.worker, "Work laptop")
    used = passkey_for(world.worker, "Blue key", b"cred-2")
    used.set_last_used_timestamp()
    page = sign_in(client, world.worker).get(reverse("accounts:account"), **HERE).content.decode()
    assert "Work laptop" in page and "Blue key" in page
    assert page.count("Not used yet") == 1
    assert 'id="passkey-registration-placeholder"' in page and "Adding a passkey needs JavaScript" in page
    assert reverse("accounts:passkey_remove", kwargs={"passkey_id": used.pk}) in page


def test_a_numeric_address_says_where_passkeys_work_instead_of_offering_them(client: Client, world: World) -> None:
    page = sign_in(client, world.worker).get(reverse("accounts:account"), HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Passkeys work only at http://localhost:8000" in page
    assert "passkey-registration-placeholder" not in page and "otp_webauthn_register.js" not in page


def test_members_are_not_offered_passkeys(client: Client, world: World) -> None:
    page = sign_in(client, world.member).get(reverse("accounts:account"), **HERE).content.decode()
    assert "Passkeys" not in page
    assert sign_in(Client(), world.member).post(reverse("accounts:passkey_register_begin"), **HERE).status_code == 403


def test_passkey_scripts_carry_the_pages_nonce_or_come_from_the_service(client: Client, world: World) -> None:
    response = sign_in(client, world.worker).get(reverse("accounts:account"), **HERE)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    tags = re.findall(r"<script[^>]*>", response.content.decode())
    assert any("otp_webauthn_config" in tag for tag in tags)
    assert all(f'nonce="{nonce.group(1)}"' in tag or 'src="/static/' in tag for tag in tags)


# Adding a passkey


def test_registration_options_name_the_relying_party_from_settings_and_exclude_existing_passkeys(client: Client, world: World) -> None:
    passkey_for(world.worker)
    response = sign_in(client, world.worker).post(reverse("accounts:passkey_register_begin"), **JSON)
    assert response.status_code == 200
    options = response.json()
    assert options["rp"] == {"id": "localhost", "name": "STaR"}
    assert len(options["excludeCredentials"]) == 1


def test_a_staff_member_must_finish_two_factor_before_adding_a_passkey(client: Client, world: World) -> None:
    response = half_signed_in(client, world.worker).post(reverse("accounts:passkey_register_begin"), **JSON)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_set_up")


def test_adding_a_passkey_is_audited_and_leads_to_naming_it(client: Client, world: World) -> None:
    sign_in(client, world.worker).post(reverse("accounts:passkey_register_begin"), **JSON)

    def verified(self: Any, user: User, state: dict[str, Any], data: dict[str, Any]) -> WebAuthnCredential:
        credential = passkey_for(user, passkeys.default_name(user))
        return credential

    with mock.patch.object(passkeys.PasskeyHelper, "register_complete", verified):
        response = client.post(reverse("accounts:passkey_register_complete"), data="{}", **JSON)
    assert response.status_code == 200
    passkey = WebAuthnCredential.objects.get(user=world.worker)
    assert passkey.name == "Passkey 1"
    assert response.json()["name_url"] == reverse("accounts:passkey_name", kwargs={"passkey_id": passkey.pk})
    event = AuditEvent.objects.get(action=AuditEvent.Action.PASSKEY_ADDED)
    assert event.user == world.worker and event.detail["name"] == "Passkey 1"


def test_a_second_passkey_gets_the_next_free_name(world: World) -> None:
    passkey_for(world.worker, "Passkey 1")
    assert passkeys.default_name(world.worker) == "Passkey 2"


# Naming and removing


def test_renaming_a_passkey_is_audited(client: Client, world: World) -> None:
    passkey = passkey_for(world.worker)
    response = sign_in(client, world.worker).post(
        reverse("accounts:passkey_name", kwargs={"passkey_id": passkey.pk}), {"name": "Office key"}
    )
    assert response.status_code == 302
    passkey.refresh_from_db()
    assert passkey.name == "Office key"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.USER_UPDATED, detail__to="Office key").count() == 1


def test_a_name_is_required(client: Client, world: World) -> None:
    passkey = passkey_for(world.worker)
    response = sign_in(client, world.worker).post(reverse("accounts:passkey_name", kwargs={"passkey_id": passkey.pk}), {"name": " "})
    assert "Enter a name for this passkey" in response.content.decode()


def test_nobody_else_can_rename_or_remove_someone_elses_passkey(client: Client, world: World) -> None:
    passkey = passkey_for(world.worker)
    sign_in(client, world.other_worker)
    assert client.get(reverse("accounts:passkey_name", kwargs={"passkey_id": passkey.pk})).status_code == 404
    response = client.post(reverse("accounts:passkey_remove", kwargs={"passkey_id": passkey.pk}), {"password": TEST_PASSWORD})
    assert response.status_code == 404
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_removing_a_passkey_needs_the_password_again(client: Client, world: World) -> None:
    passkey = passkey_for(world.worker)
    url = reverse("accounts:passkey_remove", kwargs={"passkey_id": passkey.pk})
    sign_in(client, world.worker)
    wrong = client.post(url, {"password": "not-the-password-at-all"})
    assert "Your password is not right" in wrong.content.decode()
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    assert client.post(url, {"password": TEST_PASSWORD})["Location"] == reverse("accounts:account")
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.PASSKEY_REMOVED)
    assert event.user == world.worker and event.detail["name"] == "Blue key"


def test_without_a_password_removing_needs_a_fresh_code(client: Client, world: World) -> None:
    world.worker.set_unusable_password()
    world.worker.save()
    passkey = passkey_for(world.worker)
    url = reverse("accounts:passkey_remove", kwargs={"passkey_id": passkey.pk})
    sign_in(client, world.worker)
    assert "Security code" in client.get(url).content.decode()
    response = client.post(url, {"code": "000000"})
    assert "That code did not work" in response.content.decode()
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_an_administrators_two_factor_reset_removes_passkeys_too(world: World) -> None:
    passkey_for(world.worker)
    services.reset_two_factor(by=world.admin, user=world.worker)
    assert not WebAuthnCredential.objects.filter(user=world.worker).exists()


# Using a passkey at the two-factor step


def test_the_two_factor_step_offers_a_passkey_first_and_codes_still(client: Client, world: World) -> None:
    passkey_for(world.worker)
    sign_in(Client(), world.worker)  # makes the worker's authenticator app
    page = half_signed_in(client, world.worker).get(reverse("accounts:two_factor_check"), **HERE).content.decode()
    assert page.index("Use your passkey") < page.index("Or enter a security code")
    assert "Passkeys need JavaScript" in page  # what shows until the script runs, or if it never does
    assert 'name="code"' in page and "otp_webauthn_auth.js" in page


def test_without_a_passkey_the_two_factor_step_is_as_before(client: Client, world: World) -> None:
    sign_in(Client(), world.worker)
    page = half_signed_in(client, world.worker).get(reverse("accounts:two_factor_check"), **HERE).content.decode()
    assert "Enter your security code" in page and "passkey" not in page.lower()


def _begin_verification(client: Client, user: User, after: str = "") -> None:
    half_signed_in(client, user)
    if after:
        session = client.session
        session["star_after_two_factor"] = after
        session.save()
    begin = client.post(reverse("accounts:passkey_verify_begin"), **JSON)
    assert begin.status_code == 200
    assert begin.json()["rpId"] == "localhost"
    assert len(begin.json()["allowCredentials"]) == 1


def test_a_passkey_completes_sign_in_and_is_audited(client: Client, world: World) -> None:
    passkey = passkey_for(world.worker)
    _begin_verification(client, world.worker, after="/people/")
    with mock.patch.object(passkeys.PasskeyHelper, "authenticate_complete", return_value=passkey):
        response = client.post(reverse("accounts:passkey_verify_complete"), data="{}", **JSON)
    assert response.status_code == 200
    assert response.json()["redirect_url"] == "/people/"
    assert client.get(reverse("home")).status_code == 200  # two-factor done
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN, detail__step="passkey")
    assert event.user == world.worker


def test_a_passkey_that_fails_is_a_failed_sign_in(client: Client, world: World) -> None:
    passkey_for(world.worker)
    _begin_verification(client, world.worker)
    with mock.patch.object(passkeys.PasskeyHelper, "authenticate_complete", side_effect=CredentialNotFound()):
        response = client.post(reverse("accounts:passkey_verify_complete"), data="{}", **JSON)
    assert response.status_code >= 400
    assert client.get(reverse("home"))["Location"] == reverse("accounts:two_factor_check")
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert event.user == world.worker and event.detail["step"] == "passkey"


def test_a_passkey_is_never_a_way_in_without_the_password(client: Client, world: World) -> None:
    passkey_for(world.worker)
    assert client.post(reverse("accounts:passkey_verify_begin"), **JSON)["Location"].startswith(reverse("accounts:sign_in"))


# Relying party and origins


def test_localhost_on_any_port_is_an_allowed_origin_in_development(rf: RequestFactory) -> None:
    request = rf.get("/", HTTP_HOST="localhost:51234")
    assert "http://localhost:51234" in passkeys.allowed_origins(request)
    assert passkeys.usable_here(request)
    assert not passkeys.usable_here(rf.get("/", HTTP_HOST="127.0.0.1:8000"))


def test_a_deployed_service_allows_only_its_own_https_origins(rf: RequestFactory, settings: Any) -> None:
    settings.STAR_WEBAUTHN_RP_ID = "star.example.org"
    settings.STAR_WEBAUTHN_ORIGINS = ["https://star.example.org"]
    settings.ALLOWED_HOSTS = ["star.example.org", "localhost", "evil-star.example.org"]
    assert passkeys.allowed_origins(rf.get("/", HTTP_HOST="localhost:8000")) == ["https://star.example.org"]
    assert passkeys.usable_here(rf.get("/", HTTP_HOST="star.example.org"))
    assert not passkeys.usable_here(rf.get("/", HTTP_HOST="evil-star.example.org"))
