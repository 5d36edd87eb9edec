"""Signposting figures (managers and commissioners): aggregates only, small numbers suppressed."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability, can
from hub.figures import signposting_figures


@requires(Capability.SEE_SERVICE_REPORTS)
def figures(request: HttpRequest) -> HttpResponse:
    end = timezone.localdate()
    start = end - timedelta(days=365)
    rows = signposting_figures(start=start, end=end, unsuppressed=can(request.user, Capability.SEE_UNSUPPRESSED_FIGURES))
    return render(request, "hub/figures.jinja", {"rows": rows, "start": start, "end": end})
