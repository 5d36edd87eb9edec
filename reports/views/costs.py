"""Managers record costs and the old model's baseline."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.money import pounds
from core.posted import posted
from reports import services
from reports.figures.money import latest_baseline
from reports.forms import BaselineForm, CostForm
from reports.models import Baseline, CostEntry
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.RECORD_COSTS)
def costs(request: HttpRequest) -> HttpResponse:
    form = CostForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = once(
            request,
            model=CostEntry,
            create=lambda: services.record_cost(
                by=acting_user(request),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                category=data["category"],
                amount_pence=data["amount"],
                note=data["note"],
            ),
        )
        messages.success(request, "Cost recorded" if saved.created else ALREADY_SAVED)
        return redirect("reports:costs")
    entries = [
        {
            "period": f"{e.starts_on:%-d %b %Y} to {e.ends_on:%-d %b %Y}",
            "category": e.get_category_display(),
            "amount": pounds(e.amount_pence),
            "note": e.note,
        }
        for e in CostEntry.objects.order_by("-starts_on", "category")[:40]
    ]
    return render(
        request,
        "reports/costs.jinja",
        {"form": form, "entries": entries, "baseline": latest_baseline(), "pounds": pounds, "submission_key": key_for_form(request)},
    )


@requires(Capability.RECORD_COSTS)
def baseline(request: HttpRequest) -> HttpResponse:
    form = BaselineForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = once(
            request,
            model=Baseline,
            create=lambda: services.record_baseline(
                by=acting_user(request),
                description=data["description"],
                places=data["places"],
                cost_per_place_per_week_pence=data["cost_per_place_per_week"],
                people_served=data["people_served"],
                price_year=data["price_year"],
            ),
        )
        messages.success(request, "Baseline recorded" if saved.created else ALREADY_SAVED)
        return redirect("reports:costs")
    return render(request, "reports/baseline.jinja", {"form": form, "submission_key": key_for_form(request)})
