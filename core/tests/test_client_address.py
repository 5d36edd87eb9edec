"""The real client address (issue 15 "rate limits that see the real client", issue 19 item 2):
X-Forwarded-For is believed only from a trusted proxy; a forged header from anywhere else is not."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from core.client_address import client_address, is_known

PROXY = "10.0.0.5"
CITIZEN = "198.51.100.23"
ATTACKER = "203.0.113.66"


def request(remote: str, forwarded: str | None = None) -> Any:
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_setting_the_connecting_address_is_the_client(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = [], 0
    assert client_address(request(CITIZEN)) == CITIZEN
    assert is_known(request(CITIZEN))


def test_without_a_proxy_setting_a_forwarding_header_is_never_believed(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = [], 0
    forged = request(ATTACKER, "1.2.3.4")
    assert client_address(forged) == ATTACKER
    # ...and the address may be an unconfigured proxy's, shared by everyone: limits must not use it.
    assert not is_known(forged)


@pytest.mark.parametrize("setting", [{"STAR_TRUSTED_PROXIES": [PROXY]}, {"STAR_TRUSTED_PROXIES": ["10.0.0.0/24"]}])
def test_behind_a_trusted_proxy_the_client_comes_from_the_header(settings: Any, setting: dict[str, Any]) -> None:
    settings.STAR_TRUSTED_PROXY_COUNT = 0
    for name, value in setting.items():
        setattr(settings, name, value)
    assert client_address(request(PROXY, CITIZEN)) == CITIZEN
    # A client that sends its own header through the proxy cannot choose its address: the proxy
    # appends the real one, which is the rightmost untrusted entry.
    assert client_address(request(PROXY, f"1.2.3.4, {CITIZEN}")) == CITIZEN
    assert is_known(request(PROXY, CITIZEN))


def test_a_forged_header_from_an_untrusted_address_is_ignored(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = [PROXY], 0
    assert client_address(request(ATTACKER, CITIZEN)) == ATTACKER
    assert client_address(request(ATTACKER, "not-an-address")) == ATTACKER


def test_a_garbled_chain_from_the_proxy_is_not_believed(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = [PROXY], 0
    assert client_address(request(PROXY, "<script>, nonsense")) == PROXY


def test_a_proxy_count_takes_that_many_hops_from_the_right(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = [], 1
    assert client_address(request(PROXY, f"1.2.3.4, {CITIZEN}")) == CITIZEN
    assert client_address(request(PROXY, CITIZEN)) == CITIZEN
    assert client_address(request(ATTACKER)) == ATTACKER  # no header: not through the proxy


def test_a_mistyped_proxy_setting_trusts_nothing(settings: Any) -> None:
    settings.STAR_TRUSTED_PROXIES, settings.STAR_TRUSTED_PROXY_COUNT = ["proxy.example"], 0
    assert client_address(request(PROXY, CITIZEN)) == PROXY
