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
from people.access import get_alert_for, get_person_for
from people.forms import AlertForm
from people.models import Alert
from people.views.person import person_header_context
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.MANAGE_ALERTS)
def alert_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    form = AlertForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = once(
            request,
            model=Alert,
            create=lambda: services.raise_alert(
                by=acting_user(request),
                person=person,
                category=form.cleaned_data["category"],
                summary=form.cleaned_data["summary"],
            ),
        )
        messages.success(request, "Alert added" if saved.created else ALREADY_SAVED)
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/alert_form.jinja",
        {**person_header_context(request, person), "form": form, "submission_key": key_for_form(request)},
    )


@require_POST
@requires(Capability.MANAGE_ALERTS)
def alert_end(request: HttpRequest, person_id: uuid.UUID, alert_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    alert = get_alert_for(request, person, alert_id)
    services.end_alert(by=acting_user(request), alert=alert)
    messages.success(request, "Alert ended")
    return redirect("people:detail", person_id=person.pk)
