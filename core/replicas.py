"""Reads that can tolerate a second of lag go to PostgreSQL read replicas (docs/database.md).

Set `DATABASE_REPLICA_URLS` (comma-separated) and the settings add `replica_0`, `replica_1`…
Nothing changes for a page unless its URL name is listed in `STAR_REPLICA_READ_VIEWS` (reports
and their downloads, the public directory and calendars, the Open Referral UK API, list exports:
figures and listings where a second of lag is harmless). Even then a read goes to the primary:
- once anything has been written in the request (a read that follows a write sees it);
- for a browser that sent a form or wrote in the last `STAR_REPLICA_PIN_SECONDS` (a signed
  cookie pins it to the primary, so the page after a save shows the save);
- when the replica cannot be reached within `STAR_REPLICA_CONNECT_TIMEOUT_SECONDS`, or is
  further behind than `STAR_REPLICA_MAX_LAG_SECONDS` (checked at most once every
  `STAR_REPLICA_CHECK_SECONDS` per process);
- when the replica fails part-way through a page: the page is answered again from the primary.
One replica is chosen per request, so a page never mixes two replicas' views of the data.
Sessions, sign-in, two-factor and the audit trail are always read from the primary, and writing
them (an audit row on a report page) is not a write that pins; nor is writing a model in
STAR_REPLICA_UNPINNING_MODELS (figures worked out from other rows and stored by a page's first view).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import random
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, InternalError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

log = logging.getLogger("star.database")

PIN_COOKIE = "star_primary"
PIN_SALT = "star.replicas.pin"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# A replica found down is not tried again for this long: each try may keep a page waiting for the
# connect timeout, so a hung replica costs one page per process this often.
DOWN_RECHECK_SECONDS = 15.0

_reads_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads_allowed", default=False)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote_to_primary", default=False)
_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("replica_chosen", default=None)
# alias → (time the answer expires, healthy)
_health: dict[str, tuple[float, bool]] = {}


def replica_aliases() -> tuple[str, ...]:
    return tuple(settings.STAR_REPLICA_DATABASES)


def _primary_only(model: type[Any]) -> bool:
    return model._meta.app_label in settings.STAR_REPLICA_PRIMARY_ONLY_APPS


def lag_seconds(alias: str) -> float:
    """How far the replica is behind the primary, in seconds of commits not yet replayed.

    It has caught up (0) when it has replayed everything the primary had flushed (all it can
    have sent) when the check began. Otherwise the lag is the age of the last transaction it replayed: on a busy primary
    that is close to the truth; after the primary has been idle it overstates the lag until the
    next write is replayed, which only sends a few reads to the primary. The replay timestamp
    alone is not enough (on an idle primary it grows while nothing is missing), nor is comparing
    what the replica received with what it replayed (a replica cut off from the primary has
    replayed all it received, and falls further behind every second)."""
    replica = connections[alias]
    if replica.vendor != "postgresql":  # the test suite's mirror of an SQLite database
        replica.ensure_connection()
        return 0.0
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn()::text")
        primary_lsn = cursor.fetchone()[0]
    with replica.cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= %s::pg_lsn, "
            "EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())",
            [primary_lsn],
        )
        in_recovery, caught_up, replay_age = cursor.fetchone()
    if not in_recovery or caught_up:  # a test mirror is the primary itself
        return 0.0
    return float("inf") if replay_age is None else float(replay_age)


def healthy(alias: str, *, now: float | None = None) -> bool:
    """Whether `alias` can be read from: reachable and no further behind than allowed. The
    answer is remembered briefly (longer when it is down, since each try may wait for the
    connect timeout)."""
    now = time.monotonic() if now is None else now
    remembered = _health.get(alias)
    if remembered is not None and now < remembered[0]:
        return remembered[1]
    try:
        lag = lag_seconds(alias)
        ok = lag <= settings.STAR_REPLICA_MAX_LAG_SECONDS
        if not ok:
            log.warning(
                "Replica %s is %.1f s behind (more than %s s): reading from the primary", alias, lag, settings.STAR_REPLICA_MAX_LAG_SECONDS
            )
    except DatabaseError as error:
        log.warning("Replica %s cannot be reached (%s): reading from the primary", alias, str(error).strip()[:300])
        ok = False
        _close(alias)
    _health[alias] = (now + (settings.STAR_REPLICA_CHECK_SECONDS if ok else DOWN_RECHECK_SECONDS), ok)
    return ok


def _close(alias: str) -> None:
    with contextlib.suppress(DatabaseError):
        connections[alias].close()


def forget_health() -> None:
    _health.clear()


class ReplicaRouter:
    """Writes (and every read not explicitly allowed a replica) go to the primary, `default`."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if not _reads_allowed.get() or _wrote.get() or _primary_only(model):
            return "default"
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return str(instance._state.db)  # follow a relation on the database the row came from
        chosen = _chosen.get()
        if chosen is None:
            candidates = [alias for alias in replica_aliases() if healthy(alias)]
            chosen = random.choice(candidates) if candidates else "default"  # noqa: S311  # nosec B311: spreading load, not security
            _chosen.set(chosen)
        return chosen

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        if not _primary_only(model) and model._meta.label_lower not in settings.STAR_REPLICA_UNPINNING_MODELS:
            _wrote.set(True)
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == "default"


def pinned(request: HttpRequest) -> bool:
    """The browser wrote in the last STAR_REPLICA_PIN_SECONDS (checked on the signed time too)."""
    value = request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT, max_age=settings.STAR_REPLICA_PIN_SECONDS)
    return value is not None


def reads_from_replica(request: HttpRequest, view_name: str) -> bool:
    if request.method not in ("GET", "HEAD") or pinned(request):
        return False
    allowed: tuple[str, ...] = settings.STAR_REPLICA_READ_VIEWS
    namespace = view_name.split(":", 1)[0]
    return view_name in allowed or f"{namespace}:*" in allowed


class ReplicaReadsMiddleware:
    """Marks the views listed in STAR_REPLICA_READ_VIEWS as allowed to read from a replica, pins
    a browser that sent a form or wrote to the primary for a few seconds, and answers a page again
    from the primary when its replica fails part-way through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wrote, allowed, chosen = _wrote.set(False), _reads_allowed.set(False), _chosen.set(None)
        try:
            response = self.get_response(request)
            if replica_aliases() and (_wrote.get() or request.method not in SAFE_METHODS):
                response.set_signed_cookie(
                    PIN_COOKIE,
                    "1",
                    salt=PIN_SALT,
                    max_age=settings.STAR_REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        finally:
            # A streamed response (the CSV exports) reads after this point: from the primary.
            _wrote.reset(wrote)
            _reads_allowed.reset(allowed)
            _chosen.reset(chosen)

    def process_view(self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        if match is not None and replica_aliases() and reads_from_replica(request, match.view_name):
            _reads_allowed.set(True)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The replica went away (or refused a read) during the page: mark it down and answer the
        page again from the primary. Only a page that has written nothing is run again."""
        alias = _chosen.get()
        match = request.resolver_match
        if alias in (None, "default") or match is None or _wrote.get():
            return None
        if not isinstance(exception, OperationalError | InterfaceError | InternalError) or not connections[alias].errors_occurred:
            return None
        log.warning("Replica %s failed during %s (%s): answering from the primary", alias, request.path[:300], str(exception).strip()[:300])
        _health[alias] = (time.monotonic() + DOWN_RECHECK_SECONDS, False)
        _close(alias)
        _reads_allowed.set(False)
        _chosen.set("default")
        response: HttpResponse = match.func(request, *match.args, **match.kwargs)
        return response
