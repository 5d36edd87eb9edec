"""Limits on public form posts, kept in the cache (no addresses are stored, only keyed hashes).

Counted per client address when STaR knows it (`core.client_address`: a trusted proxy is
configured, or there is no proxy). Behind a proxy nobody told STaR about, everyone shares the
proxy's address, so instead each form is counted by its own one-use token; and a service-wide
ceiling per form, set far above what a city sends in an hour, stops a flood either way."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from core import client_address

WINDOW_SECONDS = 3600


def _digest(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def sender_key(request: HttpRequest, *, form_token: str = "") -> str | None:
    """What one sender is counted by: their address when it is theirs, else the form's token
    (None without one: then only the ceiling applies, never one count shared by a whole city)."""
    if client_address.is_known(request):
        return "address:" + _digest(client_address.client_address(request))
    return "form:" + _digest(form_token) if form_token else None


def over_limit(request: HttpRequest, scope: str, *, limit: int, ceiling: int | None = None, form_token: str = "") -> bool:
    """Count this attempt; True once this sender has made more than `limit` in the window, or the
    whole service more than `ceiling` (by default STAR_PUBLIC_FORM_CEILING_PER_HOUR) for this form."""
    everyone = _count(f"star:ratelimit:{scope}:all")
    key = sender_key(request, form_token=form_token)
    sender = _count(f"star:ratelimit:{scope}:{key}") if key else 0
    return sender > limit or everyone > (settings.STAR_PUBLIC_FORM_CEILING_PER_HOUR if ceiling is None else ceiling)


def sender_fingerprint(request: HttpRequest) -> str:
    """A keyed hash of the sender's address, to keep with what they sent: enough to tell senders
    apart, never the address itself. Empty when STaR cannot know the address (`core.client_address`)."""
    if not client_address.is_known(request):
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), client_address.client_address(request).encode(), hashlib.sha256).hexdigest()
