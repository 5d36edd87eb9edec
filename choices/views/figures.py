"""Figures on personal budgets and the route into work, for a period: small numbers hidden from
commissioners, who choose calendar months, quarters and financial years only (as on the reports)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from accounts.teams import team_choice
from choices import figures
from core.periods import CALENDAR_KINDS, KINDS, Period, PeriodError, period_from


@requires(Capability.SEE_SERVICE_REPORTS)
def choices_figures(request: HttpRequest) -> HttpResponse:
    suppress = not can(acting_user(request), Capability.SEE_UNSUPPRESSED_FIGURES)
    params = {key: request.GET.get(key, "") for key in ("kind", "start", "end")}
    params["kind"] = params["kind"] or "year"
    today = timezone.localdate()
    period: Period | None
    error = ""
    try:
        period = period_from(params, today=today, restricted=suppress)
    except PeriodError as problem:
        period, error = None, str(problem)
    # A commissioner gets no team choice and no scope: their figures are everyone's (docs/teams.md).
    chosen = team_choice(acting_user(request), request.GET.get("team", ""), restricted=suppress)
    context: dict[str, object] = {
        "team_choice": chosen,
        "period": period,
        "error": error,
        "params": params,
        "kinds": {kind: label for kind, label in KINDS.items() if not suppress or kind in CALENDAR_KINDS},
        "suppressed": suppress,
        "threshold": settings.STAR_SUPPRESSION_THRESHOLD,
    }
    if period is not None:
        context["figures"] = figures.figures_for(period, suppress=suppress, today=today, scope=chosen.scope)
    return render(request, "choices/figures.jinja", context, status=200 if period else 400)
