"""The gates for risk assessments and safeguarding concerns: staff who can see the person, with
the capability to record risk. Managers also see the service-wide lists. Reads are audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.roles import Capability, can
from audit.services import Action, record_event
from people.access import people_visible_to, person_scope
from people.models import Person
from safeguarding.models import ConcernStatus, ConcernStatusChange, RiskAssessment, SafeguardingConcern

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def risk_assessments_for(user: Viewer, person: Person) -> QuerySet[RiskAssessment]:
    if not can(user, Capability.RECORD_RISK):
        return RiskAssessment.objects.none()
    return RiskAssessment.objects.filter(person__in=person_scope(user, person), person=person).select_related("assessed_by")


def get_risk_assessment_for(request: HttpRequest, person: Person, assessment_id: int) -> RiskAssessment:
    assessment = risk_assessments_for(request.user, person).filter(pk=assessment_id).first()
    if assessment is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=assessment)
    return assessment


def concerns_for(user: Viewer, person: Person) -> QuerySet[SafeguardingConcern]:
    if not can(user, Capability.RECORD_RISK):
        return SafeguardingConcern.objects.none()
    return SafeguardingConcern.objects.filter(person__in=person_scope(user, person), person=person).select_related("raised_by")


def get_concern_for(request: HttpRequest, person: Person, concern_id: int, *, audit: bool = True) -> SafeguardingConcern:
    concern = concerns_for(request.user, person).filter(pk=concern_id).first()
    if concern is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=concern)
    return concern


def history_of(concern: SafeguardingConcern) -> QuerySet[ConcernStatusChange]:
    return ConcernStatusChange.objects.filter(concern=concern).select_related("changed_by")


def open_concerns_for(user: Viewer) -> QuerySet[SafeguardingConcern]:
    """Every open concern, oldest first, for those who oversee safeguarding (managers)."""
    if not can(user, Capability.OVERSEE_SAFEGUARDING):
        return SafeguardingConcern.objects.none()
    return (
        SafeguardingConcern.objects.filter(person__in=people_visible_to(user), status=ConcernStatus.OPEN)
        .select_related("person", "raised_by")
        .order_by("raised_at", "id")
    )


def overdue_risk_reviews_for(user: Viewer) -> QuerySet[RiskAssessment]:
    """Each person's current (newest) risk assessment whose review date has passed, most overdue first."""
    if not can(user, Capability.OVERSEE_SAFEGUARDING):
        return RiskAssessment.objects.none()
    newer = RiskAssessment.objects.filter(person=OuterRef("person"), assessed_at__gt=OuterRef("assessed_at"))
    return (
        RiskAssessment.objects.filter(person__in=people_visible_to(user), review_due__lt=timezone.localdate())
        .exclude(Exists(newer))
        .select_related("person", "assessed_by")
        .order_by("review_due", "id")
    )
