"""Sending a crisis plan to a recipient the person agreed to, as a FHIR CarePlan or a PDF."""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.status import show_refusal
from interop import access, services
from interop.fhir.crisis import crisis_care_plan, crisis_plan_pdf
from interop.models import CrisisPlanSent
from people.models import Person
from plans import services as plan_services
from plans.models import CrisisPlanShare
from plans.services import SharingRefused


@requires(Capability.WRITE_PLANS)
def crisis_plan_recipients(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = access.get_person_for_crisis_plan(request, person_id)
    shares = list(access.crisis_shares_for(request.user, person)[:50])
    return render(request, "interop/crisis_plan.jinja", {"person": person, "shares": shares})


@requires(Capability.WRITE_PLANS)
def crisis_plan_fhir(request: HttpRequest, person_id: uuid.UUID, share_id: int) -> HttpResponse:
    person = access.get_person_for_crisis_plan(request, person_id)
    share = access.get_crisis_share_for(request, person, share_id)
    try:
        services.send_crisis_plan(by=acting_user(request), share=share, format=CrisisPlanSent.Format.FHIR)
    except services.SharingRefused as refused:
        return _refused(request, person, share, str(refused))
    resource = crisis_care_plan(share)
    response = HttpResponse(json.dumps(resource, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="crisis-plan-{share.pk}.fhir.json"'
    return response


@requires(Capability.WRITE_PLANS)
def crisis_plan_pdf_download(request: HttpRequest, person_id: uuid.UUID, share_id: int) -> HttpResponse:
    person = access.get_person_for_crisis_plan(request, person_id)
    share = access.get_crisis_share_for(request, person, share_id)
    try:
        services.send_crisis_plan(by=acting_user(request), share=share, format=CrisisPlanSent.Format.PDF)
    except services.SharingRefused as refused:
        return _refused(request, person, share, str(refused))
    content = crisis_plan_pdf(share)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="crisis-plan-{share.pk}.pdf"'
    return response


def _refused(request: HttpRequest, person: Person, share: CrisisPlanShare, message: str) -> HttpResponse:
    """Not sent: the plan changed since they agreed, or they withdrew. Says what to do next."""
    return render(request, "interop/crisis_plan_refused.jinja", {"person": person, "share": share, "message": message}, status=409)


@require_POST
@requires(Capability.WRITE_PLANS)
def crisis_plan_consent(request: HttpRequest, person_id: uuid.UUID, share_id: int, change: str) -> HttpResponse:
    """Staff record, on the person's word, that they agree again to the plan as it is now
    ("renew"), or that they withdraw their agreement for this recipient ("withdraw")."""
    if change not in {"renew", "withdraw"}:
        raise Http404
    person = access.get_person_for_crisis_plan(request, person_id)
    share = access.get_crisis_share_for(request, person, share_id)
    try:
        if change == "renew":
            plan_services.renew_share_consent(by=acting_user(request), share=share)
            messages.success(request, f"Recorded: {person.known_as} agrees to {share.recipient_name} having the plan as it is now")
        else:
            plan_services.withdraw_share_consent(by=acting_user(request), share=share)
            messages.success(request, f"Recorded: {person.known_as} no longer agrees to {share.recipient_name} having the plan")
    except SharingRefused as refused:
        show_refusal(request, refused)
    return redirect("interop:crisis_plan", person_id=person.pk)
