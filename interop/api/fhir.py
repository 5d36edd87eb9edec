"""POST /api/v1/fhir/ServiceRequest: a referral sent as FHIR joins the triage queue.

Every error on a FHIR endpoint (4xx and 5xx) is an OperationOutcome in application/fhir+json.
Size and nesting limits are checked before the JSON is parsed, and the same ServiceRequest sent
twice (the same identifier, or the same Idempotency-Key) makes one referral: see
`interop.fhir.receiving`."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import BaseParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.roles import Capability, can
from core.views import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS
from interop.api.authentication import ApiTokenAuthentication
from interop.api.permissions import HasScope
from interop.fhir import receiving
from interop.fhir.checks import FhirProblem
from interop.fhir.export import patient, service_request
from interop.fhir.importing import IdentityConflict, receive_fhir_referral
from referrals.models import Referral

logger = logging.getLogger(__name__)
FHIR_JSON = "application/fhir+json"


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class FhirJSONParser(BaseParser):
    """JSON with the limits checked first: the size from Content-Length (and by reading at most
    one byte past the limit), the nesting depth before `json.loads`."""

    media_type = FHIR_JSON

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        limit = receiving.max_body_bytes()
        too_large = BodyTooLarge(f"The body is larger than {limit:,} bytes: send one referral at a time")
        request = (parser_context or {}).get("request")
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        if length and str(length).isdigit() and int(length) > limit:
            raise too_large
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise too_large
        try:
            return receiving.parse_body(raw)
        except receiving.BadJson as problem:
            raise exceptions.ParseError(str(problem)) from problem


class PlainJSONParser(FhirJSONParser):
    media_type = "application/json"


class FhirJSONRenderer(JSONRenderer):
    media_type = FHIR_JSON
    format = "fhir"


def operation_outcome(problems: list[str], *, code: str = "invalid", http_status: int = status.HTTP_400_BAD_REQUEST) -> Response:
    return Response(receiving.operation_outcome(problems, code=code), status=http_status)


def _problems(data: Any) -> list[str]:
    if isinstance(data, dict) and "detail" in data:
        return [str(data["detail"])]
    if isinstance(data, dict):
        return [f"{key}: {value}" for key, value in data.items()]
    if isinstance(data, list):
        return [str(item) for item in data]
    return [str(data)]


class FhirView(APIView):
    """A FHIR endpoint: every error answer, whatever raised it, is an OperationOutcome."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated, HasScope]
    parser_classes = [FhirJSONParser, PlainJSONParser]
    renderer_classes = [FhirJSONRenderer, JSONRenderer]

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            logger.warning("Database unavailable, FHIR answered 503: %s", type(exc).__name__)
            response = Response(status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
            response.data = receiving.operation_outcome(
                ["STaR cannot reach its database just now. Nothing was saved: send it again in a minute."], code="transient"
            )
            return self._as_fhir(response)
        try:
            response = super().handle_exception(exc)
        except Exception:
            logger.exception("FHIR endpoint failed")
            response = Response(status=status.HTTP_500_INTERNAL_SERVER_ERROR)
            response.data = receiving.operation_outcome(
                ["Something went wrong in STaR and nothing was saved. Try again later; if it keeps happening, tell the STaR team."],
                code="exception",
            )
            return self._as_fhir(response)
        if response.status_code >= 400 and not (
            isinstance(response.data, dict) and response.data.get("resourceType") == "OperationOutcome"
        ):
            response.data = receiving.operation_outcome(_problems(response.data), code=receiving.issue_code(response.status_code))
        return self._as_fhir(response)

    def _as_fhir(self, response: Response) -> Response:
        # Errors are FHIR whatever the client asked for (even an Accept it cannot have).
        self.request.accepted_renderer = FhirJSONRenderer()
        self.request.accepted_media_type = FHIR_JSON
        return response


def _created_body(referral: Referral) -> dict[str, Any]:
    created = service_request(referral, patient(referral.person))
    created.pop("subject")
    created["subject"] = {"display": "The person named in the referral"}
    return created


class ServiceRequestIn(FhirView):
    resource = "referrals"

    @extend_schema(
        request={FHIR_JSON: OpenApiTypes.OBJECT, "application/json": OpenApiTypes.OBJECT},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Optional. Sending the same key again returns the referral first made (200) instead of a new one.",
            ),
            OpenApiParameter(
                "If-None-Exist",
                str,
                OpenApiParameter.HEADER,
                description="Optional FHIR conditional create: identifier=system|value. If this sender already sent it, 200 with that referral.",
            ),
        ],
        responses={
            200: OpenApiTypes.OBJECT,
            201: OpenApiTypes.OBJECT,
            400: OpenApiTypes.OBJECT,
            409: OpenApiTypes.OBJECT,
            413: OpenApiTypes.OBJECT,
            415: OpenApiTypes.OBJECT,
            422: OpenApiTypes.OBJECT,
        },
        summary="Send a referral as FHIR (a Bundle with a ServiceRequest and its Patient, or a ServiceRequest with a contained Patient)",
        description="The same ServiceRequest sent again (the same ServiceRequest.identifier, or the same Idempotency-Key header) "
        "makes no second referral: the answer is 200 with the referral first made. Errors are OperationOutcome resources.",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        if not isinstance(user, User) or not can(user, Capability.RECORD_REFERRALS):
            self.permission_denied(request, message="This service account may not send referrals")
        resource = request.data
        try:
            referral, created = receiving.receive_once(
                sender=user,
                resource=resource,
                idempotency_key=request.headers.get("Idempotency-Key"),
                condition=request.headers.get("If-None-Exist"),
                create=lambda: receive_fhir_referral(by=user, resource=resource),
            )
        except FhirProblem as problem:
            return operation_outcome(problem.problems)
        except IdentityConflict as conflict:
            return operation_outcome([str(conflict)], code="conflict", http_status=status.HTTP_409_CONFLICT)
        except receiving.KeyReused as reused:
            return operation_outcome([str(reused)], code="business-rule", http_status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        return Response(_created_body(referral), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other FHIR address: an OperationOutcome, not an HTML page."""
    body = receiving.operation_outcome(["STaR's FHIR API has no such resource. Referrals go to ServiceRequest."], code="not-found")
    return HttpResponse(json.dumps(body), status=404, content_type=FHIR_JSON)
