"""Pages that belong to no part of the service: the accessibility statement and error pages."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from core.client_address import client_address

# Refused requests, for the security log (ASVS V16.3.2). Only ids and the path: never form data.
security_log = logging.getLogger("star.security")


def log_refusal(request: HttpRequest, what: str) -> None:
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    security_log.warning("%s: user=%s method=%s path=%r ip=%s", what, user_id, request.method, request.path[:300], client_address(request))


logger = logging.getLogger("star.database")

# The database refused or dropped the connection: PostgreSQL restarting, stopped, or unreachable.
# psycopg also raises deadlocks and statement timeouts as OperationalError: transient as well, and
# "try again in a minute" is the right advice for them too.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.jinja", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    log_refusal(request, "access refused")
    return render(request, "core/403.jinja", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Saving the session turns any database error into SessionInterrupted, a 400: when the cause
    # was the database being down, say so instead.
    if (cause := database_failure_behind(exception)) is not None:
        return database_unavailable(cause)
    return render(request, "core/400.jinja", status=400)


def is_database_busy(exception: BaseException | None) -> bool:
    """SQLite's "database is locked": another save held the write lock for longer than the busy
    timeout. The database is there (nothing to tell people to wait a minute for); with WAL and
    immediate transactions it should not happen, and a request that meets it is tried once more
    (DatabaseUnavailableMiddleware)."""
    return isinstance(exception, OperationalError) and "is locked" in str(exception)


def database_failure_behind(exception: BaseException | None) -> BaseException | None:
    """The database failure this exception is, or was raised while handling, if any. A busy SQLite
    database is not one: it is reachable (is_database_busy)."""
    seen = 0
    while exception is not None and seen < 10:
        if is_database_busy(exception):
            return None
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return exception
        exception, seen = exception.__cause__ or exception.__context__, seen + 1
    return None


def _first_line(exception: BaseException) -> str:
    # Only the first line (e.g. "connection refused"); never the query or its details.
    text = str(exception).strip()
    return text.splitlines()[0][:200] if text else ""


def database_unavailable(exception: BaseException) -> HttpResponse:
    """503 with Retry-After and a plain-English page, rendered without the request or the database.
    Logged as a warning without a traceback: the cause is outside the code, and during an outage
    every request would repeat the same one."""
    logger.warning("Database unavailable, answered 503: %s: %s", type(exception).__name__, _first_line(exception))
    response = HttpResponse(loader.get_template("core/503.jinja").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django would log it again with a traceback
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # A database failure outside a view (loading the session or the user in a middleware) arrives
    # here, not at the middleware's process_exception.
    if (cause := database_failure_behind(sys.exc_info()[1])) is not None:
        return database_unavailable(cause)
    # Rendered without the request, so no context processor touches a database that may be down.
    return HttpResponseServerError(loader.get_template("core/500.jinja").render({}))
