"""The gates for person-centred plans: only staff who can see the person, and only with the
capability to work on plans. A document outside the user's reach is a 404. Reads are audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from audit.services import Action, record_event
from people.access import person_scope
from people.models import Person
from plans.documents import Kind
from plans.models import CrisisPlanShare, GoalProgress, PlanDocument, PlanVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def plan_documents_for(user: Viewer, person: Person) -> QuerySet[PlanDocument]:
    if not can(user, Capability.WRITE_PLANS):
        return PlanDocument.objects.none()
    return PlanDocument.objects.filter(person__in=person_scope(user, person), person=person).select_related("current_version__saved_by")


def with_latest_progress(documents: QuerySet[PlanDocument]) -> QuerySet[PlanDocument]:
    """Each goal's newest progress rating and date, worked out in the database."""
    newest = GoalProgress.objects.filter(goal=OuterRef("pk")).order_by("-recorded_on", "-recorded_at", "-id")
    return documents.annotate(
        latest_rating=Subquery(newest.values("rating")[:1]), latest_progress_on=Subquery(newest.values("recorded_on")[:1])
    )


def get_plan_document_for(request: HttpRequest, person: Person, document_id: int, *, audit: bool = True) -> PlanDocument:
    document = plan_documents_for(request.user, person).filter(pk=document_id).first()
    if document is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=document)
    return document


def existing_document_of_kind(user: Viewer, person: Person, kind: Kind) -> PlanDocument | None:
    """The person's one document of a kind (every kind except goals has at most one)."""
    return plan_documents_for(user, person).filter(kind=kind.value).first()


def versions_of(document: PlanDocument) -> QuerySet[PlanVersion]:
    """The versions of a document the caller has already reached through `get_plan_document_for`."""
    return PlanVersion.objects.filter(document=document).select_related("saved_by").order_by("-number")


def progress_of(goal: PlanDocument) -> QuerySet[GoalProgress]:
    return GoalProgress.objects.filter(goal=goal).select_related("recorded_by")


def shares_of(plan: PlanDocument) -> QuerySet[CrisisPlanShare]:
    return CrisisPlanShare.objects.filter(plan=plan).select_related("recorded_by")
