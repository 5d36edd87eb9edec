"""Gates for records management. Administrators handle subject access requests; the person's
record is reached only through an open request they are handling."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.models import User
from accounts.roles import Capability, can
from records.models import SubjectAccessRequest


def requests_visible_to(user: User | AnonymousUser) -> QuerySet[SubjectAccessRequest]:
    if not can(user, Capability.MANAGE_SUBJECT_ACCESS):
        return SubjectAccessRequest.objects.none()
    return SubjectAccessRequest.objects.select_related("person", "handled_by")


def get_request_for(request: HttpRequest, request_id: int) -> SubjectAccessRequest:
    record = requests_visible_to(request.user).filter(pk=request_id).first()
    if record is None:
        raise Http404
    return record
