"""A person's page, and registering or changing their details."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from core.posted import posted
from people import services, timeline
from people.access import active_emergency_access, alerts_for, caseload_entries_for, get_person_for
from people.amendments import amended_fields
from people.attached_documents import attached_documents
from people.forms import EqualityMonitoringForm, PersonForm
from people.models import Consent, EqualityMonitoring, Person
from people.open_work import open_episode
from people.own_answers import asked_on_record, own_answers
from people.presenters import PersonPresenter
from people.summary import summary_for
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened, values_of
from submissions.services import ALREADY_SAVED, key_for_form, once


def person_header_context(request: HttpRequest, person: Person) -> dict[str, object]:
    """What every page about a person shows at the top: name, pronouns, what to know (the one
    summary in people.summary), emergency access."""
    alerts = list(alerts_for(request.user, person).active())
    return {
        "person": person,
        "presenter": PersonPresenter(person),
        "alerts": alerts,
        "what_to_know_items": summary_for(request.user, person, alerts=alerts),
        "staff_summary": request.user.is_authenticated and not can(request.user, Capability.SEE_OWN_RECORD),
        "emergency_access": active_emergency_access(request.user, person),
    }


@requires(Capability.VIEW_PERSON)
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    user = acting_user(request)
    staff_view = can(user, Capability.EDIT_PERSON)
    for_member = can(user, Capability.SEE_OWN_RECORD)
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
            "own_answers": own_answers(person) if staff_view else [],
            "asks_own_questions": staff_view and asked_on_record(),
            "open_episode": open_episode(user, person) if staff_view else None,
            "attached": attached_documents(user, person) if staff_view else None,
            "today": timezone.localdate(),
        },
    )


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
    fields = amended_fields(person)
    return {row for row, names in ROWS.items() if names & fields}


@requires(Capability.REGISTER_PERSON)
def person_new(request: HttpRequest) -> HttpResponse:
    form = PersonForm(posted(request))
    returning = False
    if request.method == "POST" and form.is_valid():
        returning = _matches_a_destroyed_record(form.cleaned_data)
        if returning and request.POST.get("returning") != "yes":
            context = {"form": form, "title": "Register a person", "returning": True, "submission_key": key_for_form(request)}
            return render(request, "people/form.jinja", context)
        saved = once(
            request,
            model=Person,
            create=lambda: services.register_person(
                by=acting_user(request),
                person=form.save(commit=False),
                consents=set(form.cleaned_data["consents"]),
            ),
        )
        messages.success(request, f"{saved.obj.full_name} has been registered" if saved.created else ALREADY_SAVED)
        return redirect("people:detail", person_id=saved.obj.pk)
    context = {"form": form, "title": "Register a person", "returning": returning, "submission_key": key_for_form(request)}
    return render(request, "people/form.jinja", context)


def _matches_a_destroyed_record(cleaned: dict[str, object]) -> bool:
    """Whether these details are those of someone whose record was destroyed under the retention
    schedule (records keeps only keyed hashes of their identifiers, never the identifiers)."""
    from people.destroyed import Identifiers, is_destroyed

    return is_destroyed(
        Identifiers(
            nhs_number=str(cleaned.get("nhs_number") or ""),
            given_name=str(cleaned.get("given_name") or ""),
            family_name=str(cleaned.get("family_name") or ""),
            date_of_birth=cleaned.get("date_of_birth"),  # type: ignore[arg-type]
            other_given_names=(str(cleaned.get("preferred_name") or ""),),
        )
    )


@requires(Capability.EDIT_PERSON)
def person_edit(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    consents = services.current_consents(person)
    form = PersonForm(posted(request), instance=person, consents=consents)
    edit = edit_check(request, form, saved=values_of(form, person, consents=_given(consents)))

    def saved_now() -> dict[str, object]:
        locked = services.lock_person_for_edit(person)
        return values_of(form, locked, consents=_given(services.current_consents(locked)))

    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(request, form, saved=saved_now, discard_url=request.path):
                services.update_person(
                    by=acting_user(request),
                    person=form.save(commit=False),
                    changed=[name for name in form.changed_data if name != "consents"],
                    consents=set(form.cleaned_data["consents"]),
                )
        except EditConflict as conflict:
            person.refresh_from_db()
            form, edit = PersonForm(initial=conflict.merged, instance=person), conflict.check
        else:
            messages.success(request, "Changes saved")
            return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/form.jinja",
        {**person_header_context(request, person), "form": form, "title": f"Change {person.full_name}'s details", "edit_check": edit},
    )


def _given(consents: dict[str, bool]) -> list[str]:
    return [kind for kind, given in consents.items() if given]


@requires(Capability.RECORD_EQUALITY_MONITORING)
def person_equality(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    monitoring = getattr(person, "equality_monitoring", None) or EqualityMonitoring(person=person)
    form = EqualityMonitoringForm(posted(request), instance=monitoring)
    edit = edit_check(request, form, saved=values_of(form, monitoring))

    def saved_now() -> dict[str, object]:
        return values_of(form, services.lock_equality_monitoring_for_edit(person) or EqualityMonitoring(person=person))

    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(request, form, saved=saved_now, discard_url=request.path):
                services.record_equality_monitoring(by=acting_user(request), monitoring=form.save(commit=False), changed=form.changed_data)
        except EditConflict as conflict:
            fresh = services.lock_equality_monitoring_for_edit(person) or EqualityMonitoring(person=person)
            form, edit = EqualityMonitoringForm(initial=conflict.merged, instance=fresh), conflict.check
        else:
            messages.success(request, "Equality monitoring saved")
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/equality.jinja", {**person_header_context(request, person), "form": form, "edit_check": edit})
