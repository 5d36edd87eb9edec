from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from core.views import database_failure_behind, database_unavailable, is_database_busy

database_log = logging.getLogger("star.database")


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in user may hold personal data: never let a browser or proxy keep them
    (ASVS V14.3.2)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class PermissionsPolicyMiddleware:
    """Tells browsers this service never uses the camera, microphone, location and the like, so no
    injected script could either (ASVS V3.4; `settings.STAR_PERMISSIONS_POLICY`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.STAR_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers with the friendly 503 page, not a 500.
    Failures in other middleware (sessions, the signed-in user) reach `core.views.server_error`,
    which answers the same way. The connection is health-checked before reuse
    (CONN_HEALTH_CHECKS), so requests succeed again as soon as the database is back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_busy(exception):
            return self._retry_once(request, exception)
        cause = database_failure_behind(exception)
        return database_unavailable(cause) if cause is not None else None

    def _retry_once(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """SQLite stayed locked past its busy timeout (STAR_SQLITE_BUSY_TIMEOUT_SECONDS): the
        failed transaction was rolled back whole, so run the view once more rather than answer
        "we can't reach our records" for a database that is there. Only the view runs again: the
        middleware has already run for this request, and the response goes out through it once
        (running the chain again from here made CSP and the rest see the request twice). A second
        failure is a 500 with its traceback: something held the write lock far too long."""
        match = request.resolver_match
        if match is None or getattr(request, "_star_retried_after_lock", False):
            return None
        request._star_retried_after_lock = True  # type: ignore[attr-defined]
        database_log.warning("Database locked, trying the request once more: %s %s", request.method, request.path[:300])
        response: HttpResponse = match.func(request, *match.args, **match.kwargs)
        return response


class RejectNullCharactersMiddleware:
    """A NUL character in a query string (`?type=%00`) is never a real search or filter, and
    PostgreSQL cannot compare text with it (a 500 in any list that filters on it). Refuse it once
    here with a 400, for every page, instead of in each list."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest("A NUL character in the query string")
        return self.get_response(request)
