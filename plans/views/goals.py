"""Recording progress towards a goal."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from people.access import get_person_for
from people.views.person import person_header_context
from plans import services
from plans.access import get_plan_document_for
from plans.documents import Kind
from plans.forms import GoalProgressForm
from plans.models import GoalProgress
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.WRITE_PLANS)
def progress_new(request: HttpRequest, person_id: uuid.UUID, document_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    goal = get_plan_document_for(request, person, document_id, audit=request.method == "GET")
    if goal.kind != Kind.GOAL.value:
        raise Http404
    form = GoalProgressForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = once(
            request,
            model=GoalProgress,
            create=lambda: services.record_goal_progress(by=acting_user(request), goal=goal, **form.cleaned_data),
        )
        messages.success(request, "Progress recorded" if saved.created else ALREADY_SAVED)
        return redirect("plans:detail", person_id=person.pk, document_id=goal.pk)
    return render(
        request,
        "plans/progress_form.jinja",
        {**person_header_context(request, person), "form": form, "goal": goal, "submission_key": key_for_form(request)},
    )
