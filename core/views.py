"""Pages that belong to no part of the service: the accessibility statement and error pages."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# Refused requests, for the security log (ASVS V16.3.2). Only ids and the path: never form data.
security_log = logging.getLogger("star.security")


def _log_refusal(request: HttpRequest, what: str) -> None:
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    security_log.warning(
        "%s: user=%s method=%s path=%r ip=%s", what, user_id, request.method, request.path[:300], request.META.get("REMOTE_ADDR")
    )


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.jinja", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    _log_refusal(request, "access refused")
    return render(request, "core/403.jinja", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/400.jinja", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request, so no context processor touches a database that may be down.
    return HttpResponseServerError(loader.get_template("core/500.jinja").render({}))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    _log_refusal(request, "CSRF check failed")
    return render(request, "core/csrf_failure.jinja", status=403)
