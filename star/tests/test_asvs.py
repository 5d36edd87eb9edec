"""One test per OWASP ASVS 5.0 level 2 requirement that applies to STaR (docs/security.md lists
each requirement, how STaR meets it and the test here; rows that do not apply are explained there).

Each test is named after its ASVS ID and asserts what a user or browser would see.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.test import Client, override_settings
from django.urls import path, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import NewPasswordForm
from accounts.models import SignedInSession, User
from accounts.roles import ROLES_REQUIRING_TWO_FACTOR, Role
from accounts.sessions import LAST_SEEN_AT, SIGNED_IN_AT
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in
from star.tests.access_matrix import NOT_ALLOWED, OK, VISITORS
from star.tests.test_permission_matrix import EXPECTATIONS

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse
from star.urls import urlpatterns as star_urlpatterns

ROOT = Path(__file__).resolve().parents[2]
SIGN_IN = "accounts:sign_in"


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret traceback detail: NHS number 943 476 5919")


urlpatterns = [*star_urlpatterns, path("boom/", boom)]
handler500 = "core.views.server_error"


def post_sign_in(client: Client, username: str, password: str = TEST_PASSWORD) -> _MonkeyPatchedWSGIResponse:
    return client.post(reverse(SIGN_IN), {"username": username, "password": password})


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def password_errors(password: str, user: User | None = None) -> list[str]:
    form = NewPasswordForm({"new_password": password}, user=user or User(username="sam", first_name="Sam", last_name="Jones"))
    return [str(error) for error in form.errors.get("new_password", [])]


def production_settings(expression: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Evaluate `expression` with the production settings, in a fresh interpreter."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("STAR_")}
    environment.update({"SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "star.example.org", "DJANGO_SETTINGS_MODULE": "star.settings.production"})
    environment.update(env)
    code = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    # The code run is this module's own fixed expressions, never outside input.
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False)  # noqa: S603


def production_value(expression: str) -> Any:
    result = production_settings(expression)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def signed_out_to_sign_in(response: HttpResponseBase) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse(SIGN_IN))


# V6 Authentication ---------------------------------------------------------------------------


def test_v6_2_1_passwords_need_at_least_15_characters(db: None) -> None:
    assert password_errors("river otter pie") == []  # 15 characters
    assert password_errors("river otter pi") == ["The password must be at least 15 characters"]


def test_v6_2_4_and_v6_2_12_common_and_breached_passwords_are_refused(db: None) -> None:
    # Both are in Django's list of about 20,000 passwords seen in breaches.
    for common in ("1q2w3e4r5t6y7u8i9o0p", "123456789987654321"):
        assert password_errors(common) == ["That password is too common. Choose one that is harder to guess"]


def test_v6_2_5_v6_2_7_v6_2_8_no_composition_rules_paste_allowed_nothing_truncated(client: Client, world: World) -> None:
    assert password_errors("all lower case words") == []  # no digits, capitals or symbols required
    # Password fields do not stop paste or password managers.
    sign_in(client, world.worker)
    page = client.get(reverse("accounts:change_password")).content.decode()
    inputs = re.findall(r"<input[^>]*type=\"password\"[^>]*>", page)
    assert len(inputs) == 2
    assert all("onpaste" not in tag and 'autocomplete="off"' not in tag for tag in inputs)
    assert 'autocomplete="new-password"' in page and 'autocomplete="current-password"' in page
    # The whole password counts: dropping its last character does not work.
    long_password = "correct horse battery staple " * 4
    world.worker.set_password(long_password)
    assert world.worker.check_password(long_password)
    assert not world.worker.check_password(long_password[:-1])
    assert not world.worker.check_password(long_password[:64])


def test_v6_2_9_passwords_of_64_characters_and_more_are_allowed(db: None) -> None:
    assert password_errors("x7 " * 40) == []  # 120 characters
    assert password_errors("a sentence of exactly sixty-four characters is allowed here ok!!") == []


def test_v6_3_1_an_account_is_locked_after_five_failed_sign_ins(client: Client, db: None) -> None:
    user = UserFactory.create(username="pat", role=Role.VOLUNTEER)
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert post_sign_in(client, "pat", "wrong password, wrong again").status_code == 200
    locked = post_sign_in(client, "pat", "wrong password, wrong again")
    assert locked.status_code == 429
    # Even the right password is refused while locked.
    still_locked = post_sign_in(Client(), "pat")
    assert still_locked.status_code == 429 and "_auth_user_id" not in Client().session
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED, detail__username=user.username).count() >= 5


def test_v6_3_3_staff_who_reach_records_must_use_two_factor(client: Client, db: None) -> None:
    assert {Role.STR_WORKER, Role.MANAGER, Role.ADMIN} <= ROLES_REQUIRING_TWO_FACTOR
    for role in ROLES_REQUIRING_TWO_FACTOR:
        user = UserFactory.create(role=role)
        TOTPDevice.objects.create(user=user, name="App", confirmed=True)
        visitor = Client()
        assert post_sign_in(visitor, user.username)["Location"] == reverse("accounts:two_factor_check")
        # The password alone reaches nothing.
        for name in ("home", "people:search", "accounts:account"):
            assert visitor.get(reverse(name))["Location"] == reverse("accounts:two_factor_check"), (role, name)


def test_v6_4_3_a_password_reset_does_not_bypass_two_factor(client: Client, world: World) -> None:
    device = TOTPDevice.objects.create(user=world.worker, name="App", confirmed=True)
    sign_in(client, world.admin)
    new_password = "a brand new password from the admin"
    response = client.post(reverse("accounts:user_set_password", kwargs={"user_id": world.worker.pk}), {"new_password": new_password})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()  # the app is kept
    worker = Client()
    assert post_sign_in(worker, "worker", new_password)["Location"] == reverse("accounts:two_factor_check")
    assert worker.get(reverse("people:search"))["Location"] == reverse("accounts:two_factor_check")


def test_v6_5_1_a_two_factor_code_works_only_once(client: Client, db: None) -> None:
    user = UserFactory.create(role=Role.STR_WORKER)
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    code = code_for(device)
    post_sign_in(client, user.username)
    assert client.post(reverse("accounts:two_factor_check"), {"code": code})["Location"] == reverse("home")
    client.post(reverse("accounts:sign_out"))
    post_sign_in(client, user.username)
    replay = client.post(reverse("accounts:two_factor_check"), {"code": code})
    assert replay.status_code == 200 and "That code did not work" in replay.content.decode()
    assert client.get(reverse("home"))["Location"] == reverse("accounts:two_factor_check")


def test_v6_5_5_two_factor_codes_last_30_seconds(db: None) -> None:
    device = TOTPDevice.objects.create(user=UserFactory.create(), name="App")
    assert device.step == 30 and device.tolerance <= 1 and device.digits == 6


# V7 Session management -----------------------------------------------------------------------


def test_v7_2_4_signing_in_gives_a_new_session_id(client: Client, db: None) -> None:
    UserFactory.create(username="pat", role=Role.VOLUNTEER)
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    before = session.session_key
    post_sign_in(client, "pat")
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert SignedInSession.objects.filter(session_key=after).exists()


def test_v7_3_1_idle_sessions_end_after_30_minutes_with_a_message(client: Client, world: World) -> None:
    assert settings.SESSION_IDLE_MINUTES == 30
    sign_in(client, world.volunteer)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[LAST_SEEN_AT] = time.time() - 29 * 60
    session.save()
    assert client.get(reverse("home")).status_code == 200  # 29 minutes idle: still signed in
    session = client.session
    session[LAST_SEEN_AT] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("home"))
    assert signed_out_to_sign_in(response)
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used the service for 30 minutes" in page


def test_v7_3_2_sessions_end_10_hours_after_sign_in_however_busy(client: Client, world: World) -> None:
    assert settings.SESSION_ABSOLUTE_HOURS == 10 and settings.SESSION_COOKIE_AGE == 10 * 3600
    UserFactory.create(username="pat", role=Role.VOLUNTEER)
    post_sign_in(client, "pat")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    expires = Session.objects.get(session_key=key).expire_date
    assert abs((expires - SignedInSession.objects.get(session_key=key).signed_in_at).total_seconds() - 10 * 3600) < 60
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 10 * 3600 - 1
    session[LAST_SEEN_AT] = time.time()  # busy right up to the limit
    session.save()
    response = client.get(reverse("home"))
    assert signed_out_to_sign_in(response)
    assert "signed in for 10 hours" in client.get(response["Location"]).content.decode()


def test_v7_4_2_disabling_an_account_ends_its_sessions(client: Client, world: World) -> None:
    worker = sign_in(Client(), world.worker)
    assert worker.get(reverse("people:search")).status_code == 200
    sign_in(client, world.admin)
    data = {"first_name": "Sam", "last_name": world.worker.last_name, "email": world.worker.email, "role": Role.STR_WORKER}
    assert client.post(reverse("accounts:user_detail", kwargs={"user_id": world.worker.pk}), data).status_code == 302
    world.worker.refresh_from_db()
    assert world.worker.is_active is False
    assert not SignedInSession.objects.filter(user=world.worker).exists()
    assert signed_out_to_sign_in(worker.get(reverse("people:search")))


def test_v7_4_3_changing_a_password_signs_out_every_other_session(client: Client, world: World) -> None:
    here = sign_in(client, world.volunteer)
    elsewhere = sign_in(Client(), world.volunteer)
    assert elsewhere.get(reverse("home")).status_code == 200
    response = here.post(
        reverse("accounts:change_password"), {"current_password": TEST_PASSWORD, "new_password": "a new long passphrase to use"}
    )
    assert response["Location"] == reverse("accounts:account")
    page = here.get(response["Location"]).content.decode()
    assert "Your password has been changed. You have been signed out of 1 other session" in page
    assert here.get(reverse("home")).status_code == 200
    assert signed_out_to_sign_in(elsewhere.get(reverse("accounts:account")))  # "/" is the public front page
    # The wrong current password changes nothing.
    refused = here.post(reverse("accounts:change_password"), {"current_password": "not it", "new_password": "another long passphrase"})
    assert "Your current password is not right" in refused.content.decode()


def test_v7_4_3_sign_out_everywhere_else_on_request(client: Client, world: World) -> None:
    here = sign_in(client, world.worker)
    elsewhere = sign_in(Client(), world.worker)
    assert "You are also signed in 1 other time" in here.get(reverse("accounts:account")).content.decode()
    here.post(reverse("accounts:sign_out_other_sessions"))
    assert here.get(reverse("people:search")).status_code == 200
    assert signed_out_to_sign_in(elsewhere.get(reverse("people:search")))
    assert "You are not signed in anywhere else" in here.get(reverse("accounts:account")).content.decode()


def test_v7_4_5_an_administrator_can_end_a_users_sessions(client: Client, world: World) -> None:
    worker = sign_in(Client(), world.worker)
    sign_in(client, world.admin)
    detail = client.get(reverse("accounts:user_detail", kwargs={"user_id": world.worker.pk})).content.decode()
    assert "They are signed in 1 time at the moment" in detail
    client.post(reverse("accounts:user_end_sessions", kwargs={"user_id": world.worker.pk}))
    assert signed_out_to_sign_in(worker.get(reverse("people:search")))
    assert client.get(reverse("home")).status_code == 200  # the administrator's own session carries on
    event = AuditEvent.objects.filter(user=world.admin, action=AuditEvent.Action.USER_UPDATED).latest("occurred_at")
    assert event.detail == {"sessions_ended": 1}


# V8 Authorisation ----------------------------------------------------------------------------


def test_v8_2_1_v8_2_2_a_record_outside_the_users_reach_is_not_found(client: Client, world: World) -> None:
    # Function level: every URL × role is in the permission matrix (test_permission_matrix.py).
    assert set(EXPECTATIONS) and all(set(case.outcomes) == set(VISITORS) for cases in EXPECTATIONS.values() for case in cases)
    sign_in(client, world.worker)
    assert client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).status_code == 200
    assert client.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk})).status_code == 404


# V3 Web front end ----------------------------------------------------------------------------


def test_v3_3_1_production_cookies_are_secure_with_host_prefixes() -> None:
    values = production_value(
        "[settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SESSION_COOKIE_PATH, settings.SESSION_COOKIE_DOMAIN, settings.CSRF_COOKIE_DOMAIN]"
    )
    # __Host- cookies must be Secure, have Path=/ and no Domain, or browsers drop them.
    assert values == ["__Host-sessionid", "__Host-csrftoken", True, True, "/", None, None]


def test_v3_3_2_v3_3_4_the_session_cookie_is_samesite_lax_and_httponly(client: Client, db: None) -> None:
    UserFactory.create(username="pat", role=Role.VOLUNTEER)
    post_sign_in(client, "pat")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["samesite"] == "Lax" and cookie["httponly"] is True


def test_v3_4_1_hsts_for_a_year_including_subdomains(client: Client, db: None) -> None:
    assert production_value("[settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_SSL_REDIRECT]") == [
        31536000,
        True,
        True,
    ]
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = client.get(reverse(SIGN_IN), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


def test_v3_4_3_a_content_security_policy_with_nonces_and_no_inline_script(client: Client, db: None) -> None:
    response = client.get(reverse(SIGN_IN))
    policy = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts and all(f'nonce="{nonce.group(1)}"' in tag or "src=" in tag for tag in scripts)


def test_v3_4_4_content_type_sniffing_is_off(client: Client, db: None) -> None:
    assert client.get(reverse(SIGN_IN))["X-Content-Type-Options"] == "nosniff"


def test_v3_4_5_referrer_policy_keeps_addresses_on_this_site(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    assert response["Referrer-Policy"] == "same-origin"


def test_v3_4_permissions_policy_switches_off_unused_browser_features(client: Client, db: None) -> None:
    header = client.get(reverse(SIGN_IN))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header


def test_v3_5_1_every_change_needs_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.admin)
    post_only = [name for name, cases in EXPECTATIONS.items() if all(set(case.outcomes.values()) == {NOT_ALLOWED} for case in cases)]
    assert len(post_only) > 20
    for name in post_only:
        with rolled_back():
            url = reverse(name, kwargs=EXPECTATIONS[name][0].kwargs(world) or None)
            response = client.post(url, {})
        assert response.status_code == 403, f"POST {url} without a CSRF token: {response.status_code}"
        assert "CSRF" not in response.content.decode()  # the friendly page, not Django's debug text


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each URL's arguments make their own records (the matrix runs each in its own test)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@contextmanager
def writes_recorded() -> Iterator[list[str]]:
    """The tables written by SQL run inside the block."""
    written: list[str] = []

    def spy(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        match = re.match(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', sql, re.IGNORECASE)
        if match:
            written.append(match.group(1).lower())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        yield written


# Written on a GET by design: logs of reads (the audit trail, and the record that a crisis plan was
# downloaded to send, which the person sees on their timeline), the session itself, sign-in
# bookkeeping, the unconfirmed authenticator secret the two-factor set-up page shows, and the
# reports' stored figures (a cache of figures worked out from raw rows, filled by a period's first
# view: reports/store.py).
GET_MAY_WRITE = {
    "audit_auditevent",
    "interop_crisisplansent",
    "django_session",
    "accounts_signedinsession",
    "otp_totp_totpdevice",
    "reports_figureset",
    "reports_figurepart",
}


def test_v3_5_3_no_page_changes_anything_on_get(world: World) -> None:
    pages = 0
    for name, cases in sorted(EXPECTATIONS.items()):
        for case in cases:
            allowed = [visitor for visitor, outcome in case.outcomes.items() if outcome == OK]
            post_only = set(case.outcomes.values()) == {NOT_ALLOWED}
            if not allowed and not post_only:
                continue
            with rolled_back():
                url = reverse(name, kwargs=case.kwargs(world) or None)
                if post_only:
                    assert Client().get(url).status_code == 405, url
                    continue
                client = Client()
                if allowed[0] != "anonymous":
                    sign_in(client, world.user_for(allowed[0]))
                with writes_recorded() as written:
                    response = client.get(url)
                assert response.status_code == 200, url
                unexpected = set(written) - GET_MAY_WRITE
                assert not unexpected, f"GET {url} as {allowed[0]} wrote to {sorted(unexpected)}"
                pages += 1
    assert pages > 50


# V14 Data protection -------------------------------------------------------------------------


def test_v14_2_1_search_terms_never_go_in_the_address(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.post(reverse("people:search"), {"query": "Lovelace"})
    assert response.status_code == 302 and "Lovelace" not in response["Location"]
    results = client.get(response["Location"])
    assert "Ada Lovelace" in results.content.decode()
    nhs_search = client.post(reverse("people:search"), {"query": "943 476 5919"})
    assert "943" not in nhs_search["Location"] and "4765919" not in nhs_search["Location"].replace(" ", "")


def test_v14_2_3_no_page_loads_anything_from_another_site(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    page = response.content.decode()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    assert "https://" not in response["Content-Security-Policy"]


def test_v14_3_2_signed_in_pages_are_never_stored(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_v14_3_3_nothing_is_kept_in_browser_storage() -> None:
    scripts = [p for p in (ROOT / "static").rglob("*.js") if "vendor" not in p.parts]
    templates = list(ROOT.glob("*/jinja2/**/*.jinja")) + list((ROOT / "templates").rglob("*.jinja"))
    # The one exception (issue 17): the register taken without a signal queues marks on the phone.
    # The queue holds addresses and numbers (no names, not the security token) and is deleted at
    # sign-out; the service worker's copies of register pages last the day (community/views/offline.py).
    offline_queue = ROOT / "static" / "js" / "register-offline.js"
    for source in scripts + templates:
        text = source.read_text(encoding="utf-8")
        if source == offline_queue:
            assert "localStorage" not in text and "sessionStorage" not in text
            assert 'name !== "csrfmiddlewaretoken"' in text and "firstName:" not in text and "clearEverything" in text
            continue
        assert "localStorage" not in text and "sessionStorage" not in text and "indexedDB" not in text, source


# V16 Logging and errors ----------------------------------------------------------------------


def test_v16_3_1_every_authentication_event_is_in_the_audit_trail(client: Client, db: None) -> None:
    user = UserFactory.create(username="pat", role=Role.STR_WORKER)
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    post_sign_in(client, "pat", "not the password at all")
    post_sign_in(client, "pat")
    client.post(reverse("accounts:two_factor_check"), {"code": "000000"})
    client.post(reverse("accounts:sign_out"))
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "detail"))
    assert actions == [
        (AuditEvent.Action.SIGN_IN_FAILED, {"username": "pat"}),
        (AuditEvent.Action.SIGN_IN, {}),
        (AuditEvent.Action.SIGN_IN_FAILED, {"step": "two-factor code"}),
        (AuditEvent.Action.SIGN_OUT, {}),
    ]
    assert all("password" not in json.dumps(detail) for _, detail in actions)


def test_v16_3_2_refused_requests_are_logged(client: Client, world: World, caplog: pytest.LogCaptureFixture) -> None:
    sign_in(client, world.volunteer)
    with caplog.at_level(logging.WARNING, logger="star.security"):
        assert client.get(reverse("accounts:user_list")).status_code == 403
    [record] = [r for r in caplog.records if r.name == "star.security"]
    assert f"user={world.volunteer.pk}" in record.getMessage() and "/accounts/users/" in record.getMessage()
    csrf_client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING, logger="star.security"):
        csrf_client.post(reverse(SIGN_IN), {"username": "x", "password": "y"})
    assert any("CSRF check failed" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_v16_5_1_errors_show_a_generic_page_without_details() -> None:
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "secret traceback detail" not in page and "Traceback" not in page and "943 476 5919" not in page


# V11, V13 Cryptography and configuration ----------------------------------------------------


def test_v11_4_2_passwords_are_hashed_with_argon2() -> None:
    assert production_value("settings.PASSWORD_HASHERS[0]") == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_v13_4_2_production_runs_with_debug_off_and_passes_the_deploy_check() -> None:
    assert production_value("settings.DEBUG") is False
    # Not DJANGO_ALLOW_ASYNC_UNSAFE either: browser_tests/conftest.py sets it in the test process,
    # and a whole-suite run would pass it on to this production check.
    leaked = ("STAR_", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(leaked)}
    environment.update({"SECRET_KEY": "deploy-check-" * 6, "ALLOWED_HOSTS": "star.example.org"})
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING", "--settings=star.settings.production"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_v13_3_1_production_refuses_to_start_without_a_secret_key_from_outside() -> None:
    missing = production_settings("settings.DEBUG", SECRET_KEY="")
    assert missing.returncode != 0 and "SECRET_KEY must be at least 50 characters" in missing.stderr
