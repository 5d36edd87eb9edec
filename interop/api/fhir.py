"""POST /api/v1/fhir/ServiceRequest: a referral sent as FHIR joins the triage queue. Problems
come back as an OperationOutcome naming what is wrong."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status  # type: ignore[import-untyped]
from rest_framework.parsers import JSONParser  # type: ignore[import-untyped]
from rest_framework.permissions import IsAuthenticated  # type: ignore[import-untyped]
from rest_framework.renderers import JSONRenderer  # type: ignore[import-untyped]
from rest_framework.request import Request  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from accounts.models import User
from accounts.roles import Capability, can
from interop.api.authentication import ApiTokenAuthentication
from interop.api.permissions import HasScope
from interop.fhir.checks import FhirProblem
from interop.fhir.export import patient, service_request
from interop.fhir.importing import IdentityConflict, receive_fhir_referral


class FhirJSONParser(JSONParser):
    media_type = "application/fhir+json"


class FhirJSONRenderer(JSONRenderer):
    media_type = "application/fhir+json"
    format = "fhir"


def operation_outcome(problems: list[str], *, code: str = "invalid", http_status: int = status.HTTP_400_BAD_REQUEST) -> Response:
    return Response(
        {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": problem} for problem in problems],
        },
        status=http_status,
    )


class ServiceRequestIn(APIView):
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated, HasScope]
    parser_classes = [FhirJSONParser, JSONParser]
    renderer_classes = [FhirJSONRenderer, JSONRenderer]
    resource = "referrals"

    @extend_schema(
        request={"application/fhir+json": OpenApiTypes.OBJECT, "application/json": OpenApiTypes.OBJECT},
        responses={201: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
        summary="Send a referral as FHIR (a Bundle with a ServiceRequest and its Patient, or a ServiceRequest with a contained Patient)",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        if not isinstance(user, User) or not can(user, Capability.RECORD_REFERRALS):
            self.permission_denied(request, message="This service account may not send referrals")
        try:
            referral = receive_fhir_referral(by=user, resource=request.data, request=request._request)
        except FhirProblem as problem:
            return operation_outcome(problem.problems)
        except IdentityConflict as conflict:
            return operation_outcome([str(conflict)], code="conflict", http_status=status.HTTP_409_CONFLICT)
        created = service_request(referral, patient(referral.person))
        created.pop("subject")
        created["subject"] = {"display": "The person named in the referral"}
        return Response(created, status=status.HTTP_201_CREATED)
