"""Reads that can tolerate a second of lag go to PostgreSQL read replicas (docs/performance.md).

Set `DATABASE_REPLICA_URLS` (comma-separated) and the settings add `replica_0`, `replica_1`…
Nothing changes for a page unless it is listed in `STAR_REPLICA_READ_VIEWS` (reports, the public
directory, the Open Referral UK API, exports: figures and listings where a second of lag is
harmless). Even then a read goes to the primary:
- once anything has been written in the request (a read that follows a write sees it);
- for a browser that wrote in the last `STAR_REPLICA_PIN_SECONDS` (a signed cookie pins it to
  the primary, so the page after a save shows the save);
- when the replica is down, or further behind than `STAR_REPLICA_MAX_LAG_SECONDS` (checked at
  most every few seconds per process, and the answer remembered).
"""

from __future__ import annotations

import contextvars
import logging
import random
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

log = logging.getLogger("star.database")

PIN_COOKIE = "star_primary"
HEALTH_CHECK_SECONDS = 5.0

_replica_reads_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads_allowed", default=False)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote_to_primary", default=False)
_health: dict[str, tuple[float, bool]] = {}


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def lag_seconds(alias: str) -> float:
    """How far the replica's replay is behind what it has received; 0 when it has replayed
    everything (an idle primary sends nothing, so the replay timestamp alone would look old)."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
            "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
        )
        return float(cursor.fetchone()[0])


def healthy(alias: str, *, now: float | None = None) -> bool:
    now = time.monotonic() if now is None else now
    checked = _health.get(alias)
    if checked is not None and now - checked[0] < HEALTH_CHECK_SECONDS:
        return checked[1]
    try:
        ok = lag_seconds(alias) <= settings.STAR_REPLICA_MAX_LAG_SECONDS
        if not ok:
            log.warning("Replica %s is behind by more than %s s: reading from the primary", alias, settings.STAR_REPLICA_MAX_LAG_SECONDS)
    except DatabaseError as error:
        log.warning("Replica %s cannot be reached (%s): reading from the primary", alias, error)
        ok = False
        connections[alias].close()
    _health[alias] = (now, ok)
    return ok


def forget_health() -> None:
    _health.clear()


class ReplicaRouter:
    """Writes (and every read not explicitly allowed a replica) go to the primary, `default`."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if not _replica_reads_allowed.get() or _wrote.get():
            return "default"
        candidates = [alias for alias in replica_aliases() if healthy(alias)]
        return random.choice(candidates) if candidates else "default"  # noqa: S311  # nosec B311: spreading load, not security

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        _wrote.set(True)
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == "default"


def reads_from_replica(request: HttpRequest, view_name: str) -> bool:
    if request.method not in ("GET", "HEAD") or request.COOKIES.get(PIN_COOKIE):
        return False
    allowed: tuple[str, ...] = settings.STAR_REPLICA_READ_VIEWS
    namespace = view_name.split(":", 1)[0]
    return view_name in allowed or f"{namespace}:*" in allowed


class ReplicaReadsMiddleware:
    """Marks the views listed in STAR_REPLICA_READ_VIEWS as allowed to read from a replica, and
    pins a browser that wrote to the primary for a few seconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wrote = _wrote.set(False)
        allowed = _replica_reads_allowed.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get() and replica_aliases():
                response.set_cookie(
                    PIN_COOKIE, "1", max_age=settings.STAR_REPLICA_PIN_SECONDS, httponly=True, samesite="Lax", secure=request.is_secure()
                )
            return response
        finally:
            _wrote.reset(wrote)
            _replica_reads_allowed.reset(allowed)

    def process_view(self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        if match is not None and replica_aliases() and reads_from_replica(request, match.view_name):
            _replica_reads_allowed.set(True)
