"""The page for a failed CSRF check (settings.CSRF_FAILURE_VIEW): it says what happened and keeps
what was typed, so nothing is lost when a page's security token is out of date."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.kept_forms import keep, note_paths
from core.views import log_refusal


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    log_refusal(request, "CSRF check failed")
    # Signed out and in again in another tab, or the page was open a long time: keep what was
    # typed for this user and page, and offer the page back with it filled in.
    user = getattr(request, "user", None)
    kept = False
    if user is not None and user.is_authenticated and keep(request, user):
        note_paths(request, user)
        kept = True
    return render(request, "core/csrf_failure.jinja", {"kept": kept, "form_path": request.path}, status=403)
