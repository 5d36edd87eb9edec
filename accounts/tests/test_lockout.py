"""Sign-in lockout by account and real client address together (issue 19 item 2): nobody behind the
service's proxy can lock everyone out, nor lock out a named colleague; an account tried from many
addresses is slowed, not locked; a burst shows on the administrator's home page; the audit trail
keeps the real client's address, never a forged one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in

PROXY = "10.0.0.5"
pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, *, remote: str = PROXY, forwarded: str | None = None) -> Any:
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("accounts:sign_in"), {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("proxy_setting", [[PROXY], []], ids=["trusted proxy", "no proxy setting"])
def test_wrong_passwords_for_made_up_names_do_not_lock_anyone_else_out(settings: Any, proxy_setting: list[str]) -> None:
    settings.STAR_TRUSTED_PROXIES = proxy_setting
    UserFactory.create(username="alex", role=Role.MEMBER)
    for number in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt(Client(), f"made-up-{number}", "guess", forwarded="203.0.113.66")
    # Everyone behind the proxy shares its address; a colleague still signs in.
    response = attempt(Client(), "alex", TEST_PASSWORD, forwarded="198.51.100.23")
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_nobody_can_lock_out_a_named_colleague_from_another_address(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES = [PROXY]
    UserFactory.create(username="alex", role=Role.MEMBER)
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(attacker, "alex", "guess", forwarded="203.0.113.66")
    # The attacker's own address is locked for this account...
    assert "Your account is locked for now" in attempt(attacker, "alex", TEST_PASSWORD, forwarded="203.0.113.66").content.decode()
    # ...and alex, at their own address, signs in.
    response = attempt(Client(), "alex", TEST_PASSWORD, forwarded="198.51.100.23")
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_an_account_tried_from_many_addresses_is_slowed_not_locked(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES = [PROXY]
    UserFactory.create(username="alex", role=Role.MEMBER)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for number in range(settings.STAR_SIGN_IN_DELAY_AFTER + 3):
            # Each from a new address; once the delay starts, tries inside it are not even checked.
            attempt(Client(), "alex", "guess", forwarded=f"203.0.113.{number + 1}")
        assert AuditEvent.objects.filter(action="sign_in_failed").count() == settings.STAR_SIGN_IN_DELAY_AFTER + 1
        slowed = attempt(Client(), "alex", TEST_PASSWORD, forwarded="198.51.100.23")
        assert slowed.status_code == 429
        assert "Wait 2 seconds, then try again" in slowed.content.decode()
        assert "_auth_user_id" not in Client().session
    with time_machine.travel(start + timedelta(seconds=3), tick=False):
        response = attempt(Client(), "alex", TEST_PASSWORD, forwarded="198.51.100.23")
        assert response.status_code == 302 and response["Location"] == reverse("home")


def test_the_delay_grows_but_never_beyond_the_maximum(settings: Any) -> None:
    from accounts.throttle import delay_after

    limit = settings.STAR_SIGN_IN_DELAY_AFTER
    assert [delay_after(limit + n) for n in range(4)] == [0, 2, 4, 8]
    assert delay_after(limit + 30) == settings.STAR_SIGN_IN_DELAY_MAX_SECONDS


def test_the_audit_trail_keeps_the_real_client_address_and_ignores_forged_headers(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES = [PROXY]
    attempt(Client(), "someone", "guess", forwarded="198.51.100.23")
    attempt(Client(), "someone", "guess", remote="203.0.113.66", forwarded="198.51.100.99")
    addresses = list(AuditEvent.objects.filter(action="sign_in_failed").order_by("id").values_list("ip_address", flat=True))
    assert addresses == ["198.51.100.23", "203.0.113.66"]


def test_a_burst_of_failed_sign_ins_alerts_the_administrator(client: Client, world: World, settings: Any) -> None:
    settings.STAR_SIGN_IN_BURST = 6
    sign_in(client, world.admin)
    assert 'data-testid="sign-in-burst"' not in client.get(reverse("home")).content.decode()
    for number in range(6):
        attempt(Client(), f"name-{number}", "guess", forwarded="203.0.113.66")
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="sign-in-burst"' in page
    assert "6 failed sign-ins in the last 15 minutes, for 6 accounts" in page
