"""Involvement and feedback figures for managers: aggregates only, small numbers suppressed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability
from accounts.teams import teams_for
from core.disclosure import threshold
from involvement import figures
from involvement.presenters import involvement_nav

PERIODS = {"3": "the last 3 months", "6": "the last 6 months", "12": "the last 12 months", "24": "the last 2 years"}


@requires(Capability.SEE_INVOLVEMENT_FIGURES)
def involvement_figures(request: HttpRequest) -> HttpResponse:
    months = request.GET.get("months", "12")
    if months not in PERIODS:
        months = "12"
    period = figures.last_months(int(months), timezone.localdate())
    headline = figures.headline(period)
    often, members = figures.how_often(headline)
    return render(
        request,
        "involvement/figures.jinja",
        {
            "period": period,
            "months": months,
            "periods": PERIODS,
            "headline": headline,
            "often": often,
            "members": "Not shown" if members is None else str(members),
            "by_type": figures.by_activity_type(period),
            "equality": [figures.by_equality_group(period, question) for question in figures.EQUALITY_QUESTIONS],
            "complaints": figures.complaint_figures(period),
            "themes": figures.feedback_by_theme(period),
            "threshold": threshold(),
            # Involvement is the organisation's (docs/teams.md): say so where there are teams to choose.
            "several_teams": len(teams_for(request.user)) > 1,
            "involvement_nav": involvement_nav(request.user),
        },
    )
