"""Sending a crisis plan to a recipient the person agreed to, as a FHIR CarePlan or a PDF."""

from __future__ import annotations

import json
import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from interop import access, services
from interop.fhir.crisis import crisis_care_plan, crisis_plan_pdf
from interop.models import CrisisPlanSent


@requires(Capability.WRITE_PLANS)
def crisis_plan_recipients(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = access.get_person_for_crisis_plan(request, person_id)
    shares = list(access.crisis_shares_for(request.user, person)[:50])
    return render(request, "interop/crisis_plan.jinja", {"person": person, "shares": shares})


@requires(Capability.WRITE_PLANS)
def crisis_plan_fhir(request: HttpRequest, person_id: uuid.UUID, share_id: int) -> HttpResponse:
    person = access.get_person_for_crisis_plan(request, person_id)
    share = access.get_crisis_share_for(request, person, share_id)
    resource = crisis_care_plan(share)
    services.send_crisis_plan(by=acting_user(request), share=share, format=CrisisPlanSent.Format.FHIR, request=request)
    response = HttpResponse(json.dumps(resource, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="crisis-plan-{share.pk}.fhir.json"'
    return response


@requires(Capability.WRITE_PLANS)
def crisis_plan_pdf_download(request: HttpRequest, person_id: uuid.UUID, share_id: int) -> HttpResponse:
    person = access.get_person_for_crisis_plan(request, person_id)
    share = access.get_crisis_share_for(request, person, share_id)
    content = crisis_plan_pdf(share)
    services.send_crisis_plan(by=acting_user(request), share=share, format=CrisisPlanSent.Format.PDF, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="crisis-plan-{share.pk}.pdf"'
    return response
