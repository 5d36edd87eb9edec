"""Signposting figures (managers and commissioners): aggregates only, small numbers suppressed.

The period is chosen as on the reports: a commissioner (who sees suppressed figures) gets calendar
months, quarters and financial years only, never a rolling or custom span, so two overlapping
periods cannot be subtracted to find one day's signposting."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability, can
from accounts.teams import team_choice
from core.periods import CALENDAR_KINDS, KINDS, Period, PeriodError, period_from
from hub.figures import signposting_figures


@requires(Capability.SEE_SERVICE_REPORTS)
def figures(request: HttpRequest) -> HttpResponse:
    unsuppressed = can(request.user, Capability.SEE_UNSUPPRESSED_FIGURES)
    params = {key: request.GET.get(key, "") for key in ("kind", "start", "end")}
    params["kind"] = params["kind"] or "year"
    period: Period | None
    error = ""
    try:
        period = period_from(params, today=timezone.localdate(), restricted=not unsuppressed)
    except PeriodError as problem:
        period, error = None, str(problem)
    kinds = {kind: label for kind, label in KINDS.items() if unsuppressed or kind in CALENDAR_KINDS}
    # A commissioner gets no team choice and no scope: their figures are everyone's (docs/teams.md).
    chosen = team_choice(request.user, request.GET.get("team", ""), restricted=not unsuppressed)
    context: dict[str, object] = {"period": period, "error": error, "params": params, "kinds": kinds, "team_choice": chosen}
    if period is not None:
        context["rows"] = signposting_figures(period, unsuppressed=unsuppressed, scope=chosen.scope)
    return render(request, "hub/figures.jinja", context, status=200 if period else 400)
