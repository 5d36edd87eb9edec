"""GOV.UK Notify's delivery receipts (callbacks). Notify POSTs JSON for each text, email and
letter once it knows the outcome, with the bearer token set up in Notify's API integration
(settings.STAR_NOTIFY_CALLBACK_TOKEN); anything else is refused."""

from __future__ import annotations

import json
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.crypto import constant_time_compare
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from notifications.services import UnknownReceipt, record_delivery_receipt


def _authorised(request: HttpRequest) -> bool:
    expected = settings.STAR_NOTIFY_CALLBACK_TOKEN
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return bool(expected) and scheme == "Bearer" and constant_time_compare(token, expected)


@csrf_exempt
def delivery_receipt(request: HttpRequest) -> HttpResponse:
    """An API, authenticated by its token rather than a session (so no CSRF token): the token is
    checked first, then the method."""
    if not _authorised(request):
        return JsonResponse({"error": "A valid bearer token is needed"}, status=401)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        receipt = json.loads(request.body)
        notify_id, status = str(receipt["id"]), str(receipt["status"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "Send Notify's JSON: id and status"}, status=400)
    at: datetime | None = parse_datetime(str(receipt.get("completed_at") or "")) if receipt.get("completed_at") else None
    try:
        record_delivery_receipt(notify_id=notify_id, reference=str(receipt.get("reference") or ""), status=status, at=at)
    except UnknownReceipt as problem:
        return JsonResponse({"error": str(problem)}, status=404)
    return JsonResponse({"result": "recorded"})
