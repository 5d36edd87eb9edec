"""Progression and value: volunteers by stage, hours and their value, members who volunteer."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability, Role
from core.money import pounds
from volunteers import figures


def _period(request: HttpRequest) -> tuple[date, date, str]:
    today = timezone.localdate()
    choice = request.GET.get("period", "quarter")
    days = {"month": 30, "quarter": 91, "year": 365}.get(choice, 91)
    return today - timedelta(days=days), today, choice if choice in ("month", "quarter", "year") else "quarter"


@requires(Capability.SEE_VOLUNTEER_FIGURES)
def report(request: HttpRequest) -> HttpResponse:
    suppress = acting_user(request).role == Role.COMMISSIONER
    start, end, period = _period(request)
    rows, total, value = figures.hours_by_project(start=start, end=end, suppress=suppress)
    return render(
        request,
        "volunteers/report.jinja",
        {
            "stages": figures.by_stage(suppress=suppress),
            "hours_rows": rows,
            "total_hours": total,
            "value": value,
            "rate": pounds(settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE),
            "members": figures.members_who_volunteer(suppress=suppress),
            "progression": figures.progression(suppress=suppress),
            "start": start,
            "end": end,
            "period": period,
            "suppressed": suppress,
            "threshold": settings.STAR_SUPPRESSION_THRESHOLD,
        },
    )
