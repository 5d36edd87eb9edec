"""Recording and reading risk assessments; the manager's list of overdue reviews."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from core.posted import posted
from people.access import get_person_for
from people.views.person import person_header_context
from safeguarding import services
from safeguarding.access import get_risk_assessment_for, overdue_risk_reviews_for
from safeguarding.forms import RiskAssessmentForm
from safeguarding.models import RISK_AREAS, RiskAssessment
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.RECORD_RISK)
def risk_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    form = RiskAssessmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        assessment = form.save(commit=False)
        assessment.person = person
        saved = once(
            request,
            model=RiskAssessment,
            create=lambda: services.record_risk_assessment(
                by=acting_user(request), assessment=assessment, raise_risk_alert=form.cleaned_data["raise_risk_alert"]
            ),
        )
        assessment = saved.obj
        said = "Risk assessment saved" + (" and a risk alert added" if assessment.alert_id else "")
        messages.success(request, said if saved.created else ALREADY_SAVED)
        return redirect("safeguarding:risk_detail", person_id=person.pk, assessment_id=assessment.pk)
    return render(
        request,
        "safeguarding/risk_form.jinja",
        {**person_header_context(request, person), "form": form, "areas": RISK_AREAS, "submission_key": key_for_form(request)},
    )


@requires(Capability.RECORD_RISK)
def risk_detail(request: HttpRequest, person_id: uuid.UUID, assessment_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    assessment = get_risk_assessment_for(request, person, assessment_id)
    return render(request, "safeguarding/risk_detail.jinja", {**person_header_context(request, person), "assessment": assessment})


@requires(Capability.OVERSEE_SAFEGUARDING)
def overdue_reviews(request: HttpRequest) -> HttpResponse:
    page = Paginator(overdue_risk_reviews_for(request.user), 25).get_page(request.GET.get("page"))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[assessment.person_id for assessment in page.object_list],
        detail={"list": "overdue risk reviews"},
    )
    return render(request, "safeguarding/overdue_reviews.jinja", {"page": page, "pagination": pagination_params(page)})
