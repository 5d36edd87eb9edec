"""A per-address limit on public form posts, kept in the cache (no addresses are stored)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600


def _key(request: HttpRequest, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"star:ratelimit:{scope}:{digest}"


def over_limit(request: HttpRequest, scope: str, *, limit: int) -> bool:
    """Count this attempt; True once this address has made more than `limit` in the window."""
    key = _key(request, scope)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > limit
