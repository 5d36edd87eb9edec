"""Recording who a crisis plan was shared with, one recipient at a time, by consent."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from core.status import show_refusal
from people.access import get_person_for
from people.views.person import person_header_context
from plans import services
from plans.access import get_plan_document_for
from plans.documents import Kind
from plans.forms import CrisisPlanShareForm
from plans.models import CrisisPlanShare
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.WRITE_PLANS)
def share_new(request: HttpRequest, person_id: uuid.UUID, document_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    plan = get_plan_document_for(request, person, document_id, audit=request.method == "GET")
    if plan.kind != Kind.CRISIS.value:
        raise Http404
    form = CrisisPlanShareForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            saved = once(
                request,
                model=CrisisPlanShare,
                create=lambda: services.record_crisis_plan_sharing(by=acting_user(request), plan=plan, **form.cleaned_data),
            )
        except services.PlanError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, "Sharing recorded" if saved.created else ALREADY_SAVED)
            return redirect("plans:detail", person_id=person.pk, document_id=plan.pk)
    return render(
        request,
        "plans/share_form.jinja",
        {**person_header_context(request, person), "form": form, "plan": plan, "submission_key": key_for_form(request)},
    )
