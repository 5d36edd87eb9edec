"""The gates for the member's own pages. Everything is scoped to the member's own record (through
`people.access.people_visible_to`, which gives a member only themselves); anything else is a 404.
Every read is audited, the member's own reads included."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.roles import Capability, can
from audit.models import AuditEvent
from audit.services import Action, record_event
from community.models import Enrolment, Session
from community.models.enrolment import EnrolmentStatus
from enablement.models import Contact, Episode
from people.access import people_visible_to
from people.models import Consent, Person
from plans.documents import Kind
from plans.models import GoalProgress, PlanDocument
from portal.models import RecordDownload

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def own_person(request: HttpRequest, *, page: str) -> Person:
    """The signed-in member's own record (audited as a read of `page`), or 404."""
    user = request.user
    person = people_visible_to(user).filter(user=user).first() if can(user, Capability.SEE_OWN_RECORD) else None
    if person is None:
        raise Http404
    record_event(user=user, action=Action.VIEW, person_id=person.pk, obj=person, detail={"own_pages": page})
    return person


def own_documents(user: Viewer, person: Person) -> QuerySet[PlanDocument]:
    return PlanDocument.objects.filter(person__in=people_visible_to(user), person=person).select_related("current_version")


def own_document(user: Viewer, person: Person, kind: Kind) -> PlanDocument | None:
    return own_documents(user, person).filter(kind=kind.value).first()


def own_goals(user: Viewer, person: Person) -> QuerySet[PlanDocument]:
    newest = GoalProgress.objects.filter(goal=OuterRef("pk")).order_by("-recorded_on", "-recorded_at", "-id")
    return (
        own_documents(user, person)
        .filter(kind=Kind.GOAL.value)
        .annotate(latest_rating=Subquery(newest.values("rating")[:1]), latest_progress_on=Subquery(newest.values("recorded_on")[:1]))
        .order_by("created_at", "id")
    )


def get_own_goal(request: HttpRequest, person: Person, goal_id: int) -> PlanDocument:
    goal = own_goals(request.user, person).filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=goal)
    return goal


def progress_of_own_goal(goal: PlanDocument) -> QuerySet[GoalProgress]:
    """Progress on a goal the member has already reached through `get_own_goal`."""
    return GoalProgress.objects.filter(goal=goal).order_by("-recorded_on", "-recorded_at", "-id")


def upcoming_sessions(user: Viewer, person: Person, *, limit: int = 10) -> QuerySet[Session]:
    courses = Enrolment.objects.filter(person__in=people_visible_to(user), person=person, status=EnrolmentStatus.ENROLLED).values(
        "activity_id"
    )
    return (
        Session.objects.filter(activity_id__in=courses, starts_at__gte=timezone.now(), cancelled_at__isnull=True)
        .select_related("activity", "activity__venue")
        .order_by("starts_at")[:limit]
    )


def open_episode(user: Viewer, person: Person) -> Episode | None:
    return (
        Episode.objects.filter(person__in=people_visible_to(user), person=person, status=Episode.Status.OPEN)
        .select_related("worker")
        .order_by("-started_on")
        .first()
    )


def last_contact(user: Viewer, person: Person) -> Contact | None:
    return (
        Contact.objects.filter(person__in=people_visible_to(user), person=person, contact_date__lte=timezone.localdate())
        .select_related("worker")
        .order_by("-contact_date", "-start_time")
        .first()
    )


def access_history(member: User, person: Person) -> QuerySet[AuditEvent]:
    """Who else has read or changed the member's record, newest first (their own visits are left
    out: they are in the audit trail, but would bury everyone else's)."""
    if not people_visible_to(member).filter(pk=person.pk).exists():
        return AuditEvent.objects.none()
    # Refused requests (someone's attempt that showed them nothing) are for the manager's review.
    return (
        AuditEvent.objects.filter(person_id=person.pk)
        .exclude(user=member)
        .exclude(action=AuditEvent.Action.REFUSED)
        .select_related("user")
        .order_by("-occurred_at", "-id")
    )


def consent_history(member: User, person: Person) -> QuerySet[Consent]:
    """Every answer the member's record holds, newest first: nothing is overwritten."""
    return Consent.objects.filter(person__in=people_visible_to(member), person=person).select_related("recorded_by")


def get_own_download(request: HttpRequest, person: Person, download_id: int) -> RecordDownload:
    download = RecordDownload.objects.filter(person__in=people_visible_to(request.user), person=person, pk=download_id).first()
    if download is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=download)
    return download


def own_crisis_shares(member: User, person: Person) -> list[Any]:
    """Who the member agreed may have their crisis plan, with each time it was sent."""
    from interop.models import CrisisPlanSent
    from plans.models import CrisisPlanShare

    shares = list(
        CrisisPlanShare.objects.filter(plan__person__in=people_visible_to(member), plan__person=person)
        .select_related("plan", "consented_version")
        .order_by("-shared_on", "-id")[:50]
    )
    sent: dict[int, list[Any]] = {}
    for row in CrisisPlanSent.objects.filter(share__in=shares).order_by("-sent_at", "-id")[:500]:
        sent.setdefault(row.share_id, []).append(row)
    for share in shares:
        share.sent_list = sent.get(share.pk, [])  # type: ignore[attr-defined]
    return shares


def get_own_crisis_share(request: HttpRequest, person: Person, share_id: int) -> Any:
    from plans.models import CrisisPlanShare

    share = CrisisPlanShare.objects.filter(plan__person__in=people_visible_to(request.user), plan__person=person, pk=share_id).first()
    if share is None:
        raise Http404
    return share
