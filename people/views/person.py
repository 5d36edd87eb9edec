"""A person's page, and registering or changing their details."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from people import services, timeline
from people.access import active_emergency_access, alerts_for, caseload_entries_for, get_person_for
from people.forms import EqualityMonitoringForm, PersonForm
from people.models import Consent, EqualityMonitoring, Person
from people.presenters import PersonPresenter


def person_header_context(request: HttpRequest, person: Person) -> dict[str, object]:
    """What every page about a person shows at the top: name, pronouns, alerts, emergency access."""
    return {
        "person": person,
        "presenter": PersonPresenter(person),
        "alerts": list(alerts_for(request.user, person).active()),
        "emergency_access": active_emergency_access(request.user, person),
    }


@requires(Capability.VIEW_PERSON)
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    chosen = request.GET.get("show", "")
    user = request.user
    staff_view = can(user, Capability.EDIT_PERSON)
    known_kinds = {source.kind for source in timeline.sources(staff_view=staff_view)}
    kinds = {chosen} if chosen in known_kinds else None
    return render(
        request,
        "people/detail.jinja",
        {
            **person_header_context(request, person),
            "timeline": timeline.timeline_for(person, kinds=kinds, staff_view=staff_view),
            "timeline_sources": timeline.sources(staff_view=staff_view),
            "timeline_filter": chosen if kinds else "",
            "consents": services.current_consents(person) if staff_view else {},
            "consent_labels": dict(Consent.Kind.choices),
            "caseload": list(caseload_entries_for(user, person).filter(ended_at__isnull=True)) if staff_view else [],
            "staff_view": staff_view,
            "can_maintain_caseloads": can(user, Capability.MAINTAIN_CASELOADS),
            "can_manage_alerts": can(user, Capability.MANAGE_ALERTS),
            "can_record_equality": can(user, Capability.RECORD_EQUALITY_MONITORING),
        },
    )


@requires(Capability.REGISTER_PERSON)
def person_new(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = services.register_person(
            by=acting_user(request),
            person=form.save(commit=False),
            consents=set(form.cleaned_data["consents"]),
            request=request,
        )
        messages.success(request, f"{person.full_name} has been registered")
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/form.jinja", {"form": form, "title": "Register a person"})


@requires(Capability.EDIT_PERSON)
def person_edit(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    consents = services.current_consents(person)
    form = PersonForm(request.POST or None, instance=person, consents=consents)
    if request.method == "POST" and form.is_valid():
        services.update_person(
            by=acting_user(request),
            person=form.save(commit=False),
            changed=[name for name in form.changed_data if name != "consents"],
            consents=set(form.cleaned_data["consents"]),
            request=request,
        )
        messages.success(request, "Changes saved")
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/form.jinja",
        {**person_header_context(request, person), "form": form, "title": f"Change {person.full_name}'s details"},
    )


@requires(Capability.RECORD_EQUALITY_MONITORING)
def person_equality(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    monitoring = getattr(person, "equality_monitoring", None) or EqualityMonitoring(person=person)
    form = EqualityMonitoringForm(request.POST or None, instance=monitoring)
    if request.method == "POST" and form.is_valid():
        services.record_equality_monitoring(
            by=acting_user(request), monitoring=form.save(commit=False), changed=form.changed_data, request=request
        )
        messages.success(request, "Equality monitoring saved")
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/equality.jinja", {**person_header_context(request, person), "form": form})
