"""Managers maintain caseloads: who supports whom decides who can open a record."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from people import services
from people.access import caseload_entries_for, get_caseload_entry_for, get_person_for
from people.forms import CaseloadAddForm
from people.views.person import person_header_context


@requires(Capability.MAINTAIN_CASELOADS)
def person_caseload(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    form = CaseloadAddForm(posted(request))
    if request.method == "POST" and form.is_valid():
        worker = form.cleaned_data["worker"]
        services.add_to_caseload(by=acting_user(request), person=person, worker=worker)
        messages.success(request, f"{person.full_name} is on {worker.display_name}'s caseload")
        return redirect("people:caseload", person_id=person.pk)
    entries = caseload_entries_for(request.user, person).filter(ended_at__isnull=True)
    return render(request, "people/caseload.jinja", {**person_header_context(request, person), "form": form, "entries": entries})


@require_POST
@requires(Capability.MAINTAIN_CASELOADS)
def caseload_end(request: HttpRequest, person_id: uuid.UUID, entry_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    entry = get_caseload_entry_for(request, person, entry_id)
    services.end_caseload_entry(by=acting_user(request), entry=entry)
    messages.success(request, f"{person.full_name} has left {entry.worker.display_name}'s caseload")
    return redirect("people:caseload", person_id=person.pk)
