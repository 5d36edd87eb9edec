"""The open API, version 1: read people, referrals, episodes, contacts and attendance through the
same gates as the pages; send referrals into the triage queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.roles import Capability, can
from audit.services import Action, record_events_for_people
from interop import access
from interop.api import serializers as api
from interop.api.authentication import ApiTokenAuthentication
from interop.api.permissions import HasScope
from people.access import people_visible_to
from people.models import Person
from referrals import services as referral_services
from referrals.models import Referral

MODIFIED_SINCE = OpenApiParameter(
    "modified_since",
    OpenApiTypes.DATETIME,
    description="Only records created or changed at or after this time (ISO 8601, for example 2026-11-01T00:00:00Z)",
)


# Real time zones are within 14 hours of UTC.
MAX_UTC_OFFSET = timedelta(hours=14)


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def modified_since(request: Request) -> datetime | None:
    raw = request.query_params.get("modified_since")
    if raw is None:
        return None
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.combine(day, datetime.min.time())
    except ValueError:
        value = None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    offset = value.utcoffset() if value is not None else None
    if value is None or offset is None or abs(offset) > MAX_UTC_OFFSET:
        raise ValidationError({"modified_since": ["Enter a date and time like 2026-11-01T00:00:00Z"]})
    try:
        # Sent to the database in UTC: PostgreSQL refuses some offsets that Python accepts.
        return value.astimezone(UTC)
    except OverflowError as error:
        raise ValidationError({"modified_since": ["Enter a date and time like 2026-11-01T00:00:00Z"]}) from error


class GatedList(generics.ListAPIView[Any]):
    """A paginated list of what the token's service account may see, each person's read audited."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated, HasScope]
    pagination_class = Pages
    resource = ""

    def gate(self, user: Any, since: datetime | None) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        return self.gate(self.request.user, modified_since(self.request))

    def person_id_of(self, item: Any) -> Any:
        return item.person_id

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        items = list(page or [])
        record_events_for_people(
            user=request.user,
            action=Action.VIEW,
            person_ids={self.person_id_of(item) for item in items},
            detail={"api": self.resource},
        )
        return self.get_paginated_response(self.get_serializer(items, many=True).data)


@extend_schema(parameters=[MODIFIED_SINCE], summary="People the service account may see")
class PeopleList(GatedList):
    resource = "people"
    serializer_class = api.PersonSerializer

    def gate(self, user: Any, since: datetime | None) -> QuerySet[Any]:
        return access.api_people_for(user, modified_since=since)

    def person_id_of(self, item: Any) -> Any:
        return item.pk


@extend_schema(parameters=[MODIFIED_SINCE], summary="Episodes of 1-to-1 enablement")
class EpisodeList(GatedList):
    resource = "episodes"
    serializer_class = api.EpisodeSerializer

    def gate(self, user: Any, since: datetime | None) -> QuerySet[Any]:
        return access.api_episodes_for(user, modified_since=since)


@extend_schema(parameters=[MODIFIED_SINCE], summary="Contacts in episodes")
class ContactList(GatedList):
    resource = "contacts"
    serializer_class = api.ContactSerializer

    def gate(self, user: Any, since: datetime | None) -> QuerySet[Any]:
        return access.api_contacts_for(user, modified_since=since)


@extend_schema(parameters=[MODIFIED_SINCE], summary="Attendance at drop-ins and courses")
class AttendanceList(GatedList):
    resource = "attendances"
    serializer_class = api.AttendanceSerializer

    def gate(self, user: Any, since: datetime | None) -> QuerySet[Any]:
        return access.api_attendances_for(user, modified_since=since)


class ReferralList(GatedList, generics.CreateAPIView[Any]):
    resource = "referrals"
    serializer_class = api.ReferralSerializer

    def gate(self, user: Any, since: datetime | None) -> QuerySet[Any]:
        return access.api_referrals_for(user, modified_since=since)

    @extend_schema(parameters=[MODIFIED_SINCE], summary="Referrals")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    @extend_schema(
        request=api.ReferralInSerializer,
        responses={201: api.ReferralSerializer},
        summary="Send a referral: it joins the triage queue",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        if not isinstance(user, User) or not can(user, Capability.RECORD_REFERRALS):
            self.permission_denied(request, message="This service account may not send referrals")
        incoming = api.ReferralInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        person: Person | None = None
        new_person: Person | None = None
        if "person_id" in data:
            person = people_visible_to(user).filter(pk=data.pop("person_id")).first()
            if person is None:
                raise Http404
        else:
            details = data.pop("person")
            new_person = Person(**details)
            if new_person.nhs_number:
                new_person.nhs_number_status = "02"
        referral = Referral(**data)
        try:
            referral = referral_services.record_referral(by=user, referral=referral, person=person, new_person=new_person)
        except referral_services.IdentifierConflict as conflict:
            raise ValidationError({"person": [str(conflict)]}) from conflict
        return Response(api.ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


__all__ = ["AttendanceList", "ContactList", "EpisodeList", "PeopleList", "ReferralList", "serializers"]
