"""Gates for records management. Service managers and administrators handle subject access and
rectification requests; a person's record is reached only through a request they are handling.
Only administrators reach the retention review. Every read of a request is audited."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.models import User
from accounts.roles import Capability, can
from accounts.teams import in_service_of
from audit.services import Action, record_event
from people.models import Person
from records.models import Amendment, DestructionRecord, FlaggedItem, RectificationRequest, RetentionReview, SubjectAccessRequest


def requests_visible_to(user: User | AnonymousUser) -> QuerySet[SubjectAccessRequest]:
    if not can(user, Capability.MANAGE_SUBJECT_ACCESS):
        return SubjectAccessRequest.objects.none()
    return SubjectAccessRequest.objects.filter(in_service_of(user, "person__service")).select_related("person", "handled_by")


def get_request_for(request: HttpRequest, request_id: int, *, audit: bool = False) -> SubjectAccessRequest:
    record = requests_visible_to(request.user).filter(pk=request_id).first()
    if record is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=record.person_id, obj=record)
    return record


def get_flagged_item_for(record: SubjectAccessRequest, item_id: int) -> FlaggedItem:
    item = FlaggedItem.objects.filter(request=record, pk=item_id).select_related("request__person").first()
    if item is None:
        raise Http404
    return item


def rectifications_visible_to(user: User | AnonymousUser) -> QuerySet[RectificationRequest]:
    if not can(user, Capability.MANAGE_SUBJECT_ACCESS):
        return RectificationRequest.objects.none()
    return RectificationRequest.objects.filter(in_service_of(user, "person__service")).select_related("person", "handled_by")


def get_rectification_for(request: HttpRequest, rectification_id: int, *, audit: bool = False) -> RectificationRequest:
    record = rectifications_visible_to(request.user).filter(pk=rectification_id).first()
    if record is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=record.person_id, obj=record)
    return record


def retention_reviews_visible_to(user: User | AnonymousUser) -> QuerySet[RetentionReview]:
    if not can(user, Capability.MANAGE_RETENTION):
        return RetentionReview.objects.none()
    return RetentionReview.objects.select_related("person", "decided_by")


def get_retention_review_for(request: HttpRequest, review_id: int, *, audit: bool = False) -> RetentionReview:
    review = retention_reviews_visible_to(request.user).filter(pk=review_id).first()
    if review is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=review.person_id, obj=review)
    return review


def destruction_records_visible_to(user: User | AnonymousUser) -> QuerySet[DestructionRecord]:
    if not can(user, Capability.MANAGE_RETENTION):
        return DestructionRecord.objects.none()
    return DestructionRecord.objects.select_related("authorised_by")


def person_being_corrected(record: RectificationRequest) -> Person:
    """A fresh copy of the person a rectification request is about (forms change their instance)."""
    return Person.objects.get(pk=record.person_id)


def amendments_for(user: User | AnonymousUser, person: Person) -> QuerySet[Amendment]:
    return Amendment.objects.filter(person__in=Person.objects.visible_to(user), person=person).select_related("by", "request")


def request_deadlines(user: User | AnonymousUser) -> dict[str, int]:
    """How many open subject access requests are overdue or due soon (two queries: open requests
    are few, and a due date depends on the clock stops, so it is worked out per request)."""
    from django.utils import timezone

    today = timezone.localdate()
    open_requests = list(requests_visible_to(user).exclude(status=SubjectAccessRequest.Status.COMPLETED).prefetch_related("clock_stops"))
    return {
        "subject_access_overdue": sum(1 for record in open_requests if record.is_overdue(today)),
        "subject_access_due_soon": sum(1 for record in open_requests if record.is_due_soon(today)),
    }
