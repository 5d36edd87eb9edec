"""A person's page, and registering or changing their details."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability, Role, can
from core.posted import posted
from people import services, timeline
from people.access import active_emergency_access, alerts_for, caseload_entries_for, get_person_for
from people.forms import EqualityMonitoringForm, PersonForm
from people.models import Consent, EqualityMonitoring, Person
from people.presenters import PersonPresenter
from people.summary import summary_for


def person_header_context(request: HttpRequest, person: Person) -> dict[str, object]:
    """What every page about a person shows at the top: name, pronouns, what to know (the one
    summary in people.summary), emergency access."""
    alerts = list(alerts_for(request.user, person).active())
    return {
        "person": person,
        "presenter": PersonPresenter(person),
        "alerts": alerts,
        "what_to_know_items": summary_for(request.user, person, alerts=alerts),
        "staff_summary": request.user.is_authenticated and request.user.role != Role.MEMBER,
        "emergency_access": active_emergency_access(request.user, person),
    }


@requires(Capability.VIEW_PERSON)
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    user = acting_user(request)
    staff_view = can(user, Capability.EDIT_PERSON)
    for_member = user.role == Role.MEMBER
    chosen = request.GET.get("show", "")
    known_kinds = {source.kind for source in timeline.sources(for_member=for_member)}
    kinds = {chosen} if chosen in known_kinds else None
    return render(
        request,
        "people/detail.jinja",
        {
            **person_header_context(request, person),
            "timeline": timeline.timeline_for(person, kinds=kinds, for_member=for_member),
            "timeline_sources": timeline.sources(for_member=for_member),
            "timeline_filter": chosen if kinds else "",
            "consents": services.current_consents(person) if staff_view else {},
            "consent_labels": dict(Consent.Kind.choices),
            "caseload": list(caseload_entries_for(user, person).filter(ended_at__isnull=True)) if staff_view else [],
            "staff_view": staff_view,
            "can_maintain_caseloads": can(user, Capability.MAINTAIN_CASELOADS),
            "can_manage_alerts": can(user, Capability.MANAGE_ALERTS),
            "can_record_equality": can(user, Capability.RECORD_EQUALITY_MONITORING),
            "can_read_audit_trail": can(user, Capability.READ_AUDIT_TRAIL),
            "amended": _amended_rows(person) if staff_view else set(),
            "open_episode": _open_episode(user, person) if staff_view else None,
            "today": timezone.localdate(),
        },
    )


def _open_episode(user: object, person: Person) -> object | None:
    """The person's open 1-to-1 episode, if this user may record work in it (enablement builds
    on people, not the reverse)."""
    from enablement.access import episodes_visible_to

    return episodes_visible_to(user).filter(person=person, status="open").select_related("worker").first()  # type: ignore[arg-type]


# Which summary rows on the person's page show each detail, to mark the rows that were amended.
ROWS = {
    "Name": {"given_name", "family_name"},
    "Preferred name": {"preferred_name"},
    "Pronouns": {"pronouns"},
    "Date of birth": {"date_of_birth"},
    "Date of death": {"date_of_death"},
    "NHS number": {"nhs_number", "nhs_number_status"},
    "Contact": {"phone", "email", "preferred_contact_method"},
    "Address": {"address_line_1", "address_line_2", "town", "postcode", "no_fixed_abode"},
    "GP": {"gp_practice_name", "gp_practice_code"},
    "First language": {"first_language", "interpreter_needed"},
    "Communication needs": {"communication_needs"},
    "Emergency contact": {"emergency_contact_name", "emergency_contact_relationship", "emergency_contact_phone"},
}


def _amended_rows(person: Person) -> set[str]:
    """The rows holding a detail corrected after a rectification request (records keeps the originals)."""
    from records.rectification import amended_fields  # records builds on people, not the reverse

    fields = set(amended_fields(person))
    return {row for row, names in ROWS.items() if names & fields}


@requires(Capability.REGISTER_PERSON)
def person_new(request: HttpRequest) -> HttpResponse:
    form = PersonForm(posted(request))
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
    form = PersonForm(posted(request), instance=person, consents=consents)
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
    form = EqualityMonitoringForm(posted(request), instance=monitoring)
    if request.method == "POST" and form.is_valid():
        services.record_equality_monitoring(
            by=acting_user(request), monitoring=form.save(commit=False), changed=form.changed_data, request=request
        )
        messages.success(request, "Equality monitoring saved")
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/equality.jinja", {**person_header_context(request, person), "form": form})
