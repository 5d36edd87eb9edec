"""Progression and value: volunteers by stage, hours and their value, members who volunteer."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from accounts.teams import team_choice
from core.money import pounds
from core.periods import month_of, quarter_of, year_of
from volunteers import figures


def _period(request: HttpRequest) -> tuple[date, date, str]:
    """The calendar month, financial quarter or financial year so far: not a window that moves by a
    day each day, which would give one day's figures away by subtraction."""
    today = timezone.localdate()
    choice = request.GET.get("period", "quarter")
    choice = choice if choice in ("month", "quarter", "year") else "quarter"
    period = {"month": month_of, "quarter": quarter_of, "year": year_of}[choice](today)
    return period.start, today, choice


@requires(Capability.SEE_VOLUNTEER_FIGURES)
def report(request: HttpRequest) -> HttpResponse:
    suppress = not can(acting_user(request), Capability.SEE_UNSUPPRESSED_FIGURES)
    start, end, period = _period(request)
    # A commissioner gets no team choice and no scope: their figures are everyone's (docs/teams.md).
    chosen = team_choice(acting_user(request), request.GET.get("team", ""), restricted=suppress)
    scope = chosen.scope
    rows, total, value = figures.hours_by_project(start=start, end=end, suppress=suppress, kind=period, scope=scope)
    return render(
        request,
        "volunteers/report.jinja",
        {
            "stages": figures.by_stage(suppress=suppress, scope=scope),
            "hours_rows": rows,
            "total_hours": total,
            "value": value,
            "rate": pounds(settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE),
            "members": figures.members_who_volunteer(suppress=suppress, scope=scope),
            "progression": figures.progression(suppress=suppress, scope=scope),
            "team_choice": chosen,
            "start": start,
            "end": end,
            "period": period,
            "suppressed": suppress,
            "threshold": settings.STAR_SUPPRESSION_THRESHOLD,
        },
    )
