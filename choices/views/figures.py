"""Figures on personal budgets and the route into work: small numbers hidden from commissioners."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from choices import figures


@requires(Capability.SEE_SERVICE_REPORTS)
def choices_figures(request: HttpRequest) -> HttpResponse:
    suppress = not can(acting_user(request), Capability.SEE_UNSUPPRESSED_FIGURES)
    median_days, paid_people = figures.days_to_first_payment(suppress=suppress)
    return render(
        request,
        "choices/figures.jinja",
        {
            "stages": figures.budgets_by_stage(suppress=suppress),
            "supported": figures.people_supported_to_a_budget(suppress=suppress),
            "median_days": median_days,
            "paid_people": paid_people,
            "buys": figures.what_budgets_buy(suppress=suppress),
            "work": figures.work_outcomes(today=timezone.localdate(), suppress=suppress),
            "suppressed": suppress,
            "threshold": settings.STAR_SUPPRESSION_THRESHOLD,
        },
    )
