"""Managers record costs and the old model's baseline, each for a service or the whole
organisation (docs/teams.md): a manager limited to one service records for it and sees its entries
and the organisation's."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.models import Service
from accounts.roles import Capability
from accounts.teams import Scope, in_service_of, service_id_of
from core.money import pounds
from core.posted import posted
from reports import services
from reports.figures.money import costs_counted, latest_baseline
from reports.forms import BaselineForm, CostForm
from reports.models import Baseline, CostEntry
from submissions.services import ALREADY_SAVED, key_for_form, once


def _services_to_choose(request: HttpRequest) -> list[tuple[int, str]]:
    """The services a manager not limited to one chooses between (none for a limited manager)."""
    if service_id_of(request.user) is not None:
        return []
    return list(Service.objects.order_by("name").values_list("pk", "name"))


@requires(Capability.RECORD_COSTS)
def costs(request: HttpRequest) -> HttpResponse:
    form = CostForm(posted(request), services=_services_to_choose(request))
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
                service_id=form.service_id(),
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
            "service": e.service.name if e.service else "The whole organisation",
        }
        for e in CostEntry.objects.filter(in_service_of(request.user)).select_related("service").order_by("-starts_on", "category")[:40]
    ]
    counted = costs_counted(Scope(service_id=service_id_of(request.user)))
    return render(
        request,
        "reports/costs.jinja",
        {
            "form": form,
            "entries": entries,
            "counted": counted,
            "baseline": latest_baseline(counted),
            "pounds": pounds,
            "submission_key": key_for_form(request),
        },
    )


@requires(Capability.RECORD_COSTS)
def baseline(request: HttpRequest) -> HttpResponse:
    form = BaselineForm(posted(request), services=_services_to_choose(request))
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
                service_id=form.service_id(),
            ),
        )
        messages.success(request, "Baseline recorded" if saved.created else ALREADY_SAVED)
        return redirect("reports:costs")
    return render(request, "reports/baseline.jinja", {"form": form, "submission_key": key_for_form(request)})
