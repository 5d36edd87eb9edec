"""The address of the person at the other end of a request, decided once for the whole service.

Behind a TLS proxy every request arrives from the proxy's address; the person's own address is in
the X-Forwarded-For header the proxy adds. Anyone can send that header, so it is believed only
when the request came from a proxy the deployment says it trusts:

- `STAR_TRUSTED_PROXIES`: the proxies' addresses or networks ("10.0.0.5,10.1.0.0/16"). The header
  is read only when the connecting address is one of them; the client is the nearest address in the
  chain that is not a trusted proxy.
- `STAR_TRUSTED_PROXY_COUNT`: how many proxies stand in front of STaR, for deployments that cannot
  list their addresses (the app must then be reachable only through them). The client is that many
  places from the right of the chain.

Without either, the connecting address is the client's, unless a forwarding header says there is a
proxy nobody told STaR about: then the address is not the person's (`is_known` is False), and the
public forms' limits fall back to their one-use form tokens and a service-wide ceiling instead of
blocking everyone behind that proxy (`core.ratelimit`).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in configured:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # a mistyped entry trusts nothing (system check `star.W001` reports it)
    return tuple(networks)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "STAR_TRUSTED_PROXIES", ()) or ()))


def proxy_count() -> int:
    return max(0, int(getattr(settings, "STAR_TRUSTED_PROXY_COUNT", 0) or 0))


def proxy_configured() -> bool:
    return bool(trusted_networks()) or proxy_count() > 0


def _parse(value: str) -> Address | None:
    value = value.strip().strip('"')
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51000"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _is_trusted(address: Address | None) -> bool:
    return address is not None and any(address in network for network in trusted_networks())


def _chain(request: HttpRequest) -> list[Address | None]:
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [_parse(part) for part in header.split(",") if part.strip()] if header else []


def client_address(request: HttpRequest) -> str:
    """The client's address as text ("" if there is none, as in some tests)."""
    remote = _parse(request.META.get("REMOTE_ADDR", "") or "")
    chosen = _client(request, remote)
    return str(chosen) if chosen is not None else ""


def _client(request: HttpRequest, remote: Address | None) -> Address | None:
    if trusted_networks():
        if not _is_trusted(remote):
            return remote  # not from our proxy: any forwarding header is the sender's own invention
        for address in reversed(_chain(request)):
            if address is None:
                return remote  # a garbled chain: believe nothing in it
            if not _is_trusted(address):
                return address
        chain = _chain(request)
        return chain[0] if chain else remote
    count = proxy_count()
    if count:
        full = [*_chain(request), remote]
        if len(full) <= count:
            return remote  # fewer hops than proxies: it did not come through them
        return full[-(count + 1)] or remote
    return remote


def is_known(request: HttpRequest) -> bool:
    """Whether `client_address` is the person's own address, so limits may count by it. False when
    a forwarding header shows an unconfigured proxy (everyone would share its address)."""
    if proxy_configured():
        return bool(client_address(request))
    if request.META.get("HTTP_X_FORWARDED_FOR") or request.META.get("HTTP_FORWARDED"):
        return False
    return bool(request.META.get("REMOTE_ADDR"))


def for_axes(request: HttpRequest) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address the rest of STaR uses (None when
    there is none, as axes expects: its address columns hold only real addresses)."""
    return client_address(request) or None
