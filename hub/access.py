"""The gates for signposting (person-linked): staff who may signpost and can see the person; a
member only their own. Saved resources: a member's own only. Resources and feeds are not person-linked (capabilities alone guard them)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from audit.services import Action, record_event
from hub.models import FollowUpAnswer, SavedResource, Signposting
from people.access import people_visible_to
from people.models import CaseloadEntry, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def signpostings_for(user: Viewer) -> QuerySet[Signposting]:
    """Signposting of the people this user can see: staff who signpost, or a member (their own)."""
    if not (can(user, Capability.LINK_MEMBERS_TO_RESOURCES) or can(user, Capability.SEE_OWN_RECORD)):
        return Signposting.objects.none()
    return Signposting.objects.filter(person__in=people_visible_to(user)).select_related("resource__organisation", "signposted_by")


def person_signpostings_for(user: Viewer, person: Person) -> QuerySet[Signposting]:
    return signpostings_for(user).filter(person=person).select_related("at_session__activity", "referral_message")


def get_signposting_for(request: HttpRequest, signposting_id: int, *, person: Person | None = None) -> Signposting:
    found = signpostings_for(request.user).select_related("person").filter(pk=signposting_id)
    if person is not None:
        found = found.filter(person=person)
    signposting = found.first()
    if signposting is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=signposting.person_id, obj=signposting)
    return signposting


def follow_ups_due_for(user: Viewer, *, today: date) -> QuerySet[Signposting]:
    """The follow-ups this worker owes, unanswered (or "not yet") and due: their own signposting,
    and what was recorded at a drop-in (by a volunteer, who cannot follow it up) for someone on their
    open caseload; a manager also owes those of people nobody has on their caseload."""
    if not can(user, Capability.LINK_MEMBERS_TO_RESOURCES):
        return Signposting.objects.none()
    owed = Q(signposted_by=user) | Q(
        at_session__isnull=False,
        person__in=CaseloadEntry.objects.filter(worker=user, ended_at__isnull=True).values("person_id"),
    )
    if can(user, Capability.SEE_EVERY_PERSON):
        anyone = CaseloadEntry.objects.filter(person=OuterRef("person_id"), ended_at__isnull=True)
        owed |= Q(Q(at_session__isnull=False) & ~Exists(anyone))
    return (
        signpostings_for(user)
        .filter(owed, answer__in=("", FollowUpAnswer.NOT_YET), follow_up_due__lte=today)
        .select_related("person")
        .order_by("follow_up_due", "id")
    )


def saved_resources_for(user: Viewer) -> QuerySet[SavedResource]:
    """A member's own saved resources (nobody else's: they are the member's own pages)."""
    if not can(user, Capability.SEE_OWN_RECORD) or not user.is_authenticated:
        return SavedResource.objects.none()
    return SavedResource.objects.filter(person__in=people_visible_to(user), person__user=user).select_related("resource__organisation")
