"""Public forms' limits see the real client (issue 15): behind a trusted proxy each citizen is
counted on their own; a forged forwarding header from anywhere else changes nothing; behind a proxy
STaR was not told about, nobody is blocked for someone else's sends, and a service-wide ceiling
still stops a flood."""

from __future__ import annotations

import secrets
import time
import uuid
from typing import Any

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from pytest_django import Settings

from involvement.forms import STARTED_SALT
from involvement.models import Feedback
from involvement.tests.test_public_feedback import form_data as feedback_data
from referrals.models import Referral
from referrals.tests.test_self_referral import URL, answers

PROXY = "10.0.0.5"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def fresh_form_started() -> str:
    """The start value of a feedback form shown a minute ago (each form shown has its own)."""
    signer = signing.TimestampSigner(salt=STARTED_SALT)
    signer.timestamp = lambda: signing.b62_encode(int(time.time()) - 60)  # type: ignore[method-assign]
    return signer.sign(secrets.token_urlsafe(12))


def send(remote: str = PROXY, forwarded: str | None = None, **changes: Any) -> int:
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return int(Client().post(URL, answers(**changes), **extra).status_code)


def test_behind_a_trusted_proxy_one_citizen_is_limited_and_the_next_is_not(settings: Settings) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_SELF_REFERRALS_PER_HOUR = [PROXY], 2
    assert [send(forwarded="198.51.100.1") for _ in range(3)] == [302, 302, 429]
    assert send(forwarded="198.51.100.2") == 302  # a different person, through the same proxy
    assert Referral.objects.count() == 3


def test_a_forged_forwarding_header_from_an_untrusted_address_does_not_escape_the_limit(settings: Settings) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_SELF_REFERRALS_PER_HOUR = [PROXY], 2
    codes = [send(remote="203.0.113.66", forwarded=f"198.51.100.{number}") for number in range(1, 5)]
    assert codes == [302, 302, 429, 429]


def test_behind_an_unconfigured_proxy_the_city_is_not_blocked_but_a_flood_is(settings: Settings) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = [], 0
    settings.STAR_SELF_REFERRALS_PER_HOUR, settings.STAR_SELF_REFERRALS_CEILING_PER_HOUR = 2, 6
    # Six people behind one proxy: each form is its own, nobody is refused for the others.
    assert [send(forwarded=f"198.51.100.{number}") for number in range(1, 7)] == [302] * 6
    # The service-wide ceiling then holds back a flood.
    assert send(forwarded="198.51.100.7") == 429
    assert Referral.objects.count() == 6


def test_feedback_behind_a_trusted_proxy_counts_each_citizen(settings: Settings) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_PUBLIC_FORM_LIMIT_PER_HOUR = [PROXY], 1

    def feedback(forwarded: str, remote: str = PROXY) -> int:
        data = feedback_data(token=str(uuid.uuid4()), started=fresh_form_started())
        return int(Client().post("/feedback/", data, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded).status_code)

    assert [feedback("198.51.100.1"), feedback("198.51.100.1"), feedback("198.51.100.2")] == [302, 429, 302]
    assert feedback("198.51.100.3", remote="203.0.113.66") == 302
    assert feedback("198.51.100.4", remote="203.0.113.66") == 429  # the forged header is ignored
    assert Feedback.objects.count() == 3


def test_feedback_behind_an_unconfigured_proxy_has_a_ceiling_not_a_shared_limit(settings: Settings) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = [], 0
    settings.STAR_PUBLIC_FORM_LIMIT_PER_HOUR, settings.STAR_PUBLIC_FORM_CEILING_PER_HOUR = 1, 3
    codes = [
        Client()
        .post(
            "/feedback/",
            feedback_data(token=str(uuid.uuid4()), started=fresh_form_started()),
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        .status_code
        for n in range(1, 5)
    ]
    assert codes == [302, 302, 302, 429]
