"""The stand-in for GOV.UK Notify, served by this server (`make run`, tests): its API, at the
same addresses as Notify's (/v2/notifications/…), and a page listing what it "sent". Only routed
when settings.STAR_NOTIFY_STAND_IN is set, which production settings refuse."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.access import requires
from accounts.roles import Capability
from core.posted import posted
from notifications import standin
from notifications.client import stand_in_lookup
from notifications.forms import ReceiptForm
from notifications.services import UnknownReceipt, record_delivery_receipt


@csrf_exempt
def stand_in_api(request: HttpRequest, rest: str) -> HttpResponse:
    """Authenticated as Notify does, by a JWT signed with the API key, not by a session."""
    status, answer = standin.handle(
        request.method or "GET", request.path, request.headers.get("Authorization", ""), request.body, stand_in_lookup
    )
    return JsonResponse(answer, status=status)


@require_GET
@requires(Capability.SEE_MESSAGE_TEMPLATES)
def stand_in_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/stand_in.jinja", {"sent": standin.sent()[:100], "form": ReceiptForm()})


@require_POST
@requires(Capability.SEE_MESSAGE_TEMPLATES)
def stand_in_receipt(request: HttpRequest, notification_id: uuid.UUID) -> HttpResponse:
    """What Notify's callback would then say: recorded as if it had called back."""
    form = ReceiptForm(posted(request))
    found = standin.mark(str(notification_id), form.cleaned_data["status"]) if form.is_valid() else None
    if found is not None:
        try:
            record_delivery_receipt(notify_id=found.id, reference=found.reference, status=found.status)
        except UnknownReceipt:
            messages.info(request, "The stand-in marked it, but STaR has no record of that message")
        else:
            messages.success(request, f"Marked as {found.status.replace('-', ' ')}")
    return redirect("notifications:stand_in_sent")
