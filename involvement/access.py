"""The gates for involvement data linked to people: participants, payments and feedback.

Activities and decisions are about the service, not a person, but the members named in them are
reached only through `people.access.people_visible_to`: a worker sees the participants on their
own caseload and a count of the rest; a manager sees everyone; a member sees only their own
feedback. Anything outside the user's reach is a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from audit.services import Action, record_event, record_events_for_people
from involvement.models import Decision, Feedback, InvolvementActivity, InvolvementPayment, Participant
from involvement.models.feedback import FeedbackQuerySet
from people.access import people_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def activities_for(user: Viewer) -> QuerySet[InvolvementActivity]:
    if not can(user, Capability.RECORD_INVOLVEMENT):
        return InvolvementActivity.objects.none()
    return InvolvementActivity.objects.annotate(named_members=Count("participants", distinct=True))


def get_activity_for(request: HttpRequest, activity_id: int) -> InvolvementActivity:
    activity = activities_for(request.user).filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    return activity


def participants_for(user: Viewer, activity: InvolvementActivity) -> QuerySet[Participant]:
    """The named participants this user may see: those whose record they can open."""
    return (
        Participant.objects.filter(activity=activity, person__in=people_visible_to(user))
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "id")
    )


def list_participants(request: HttpRequest, activity: InvolvementActivity) -> list[Participant]:
    """The visible participants, each read audited in one bulk insert."""
    shown = list(participants_for(request.user, activity))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[p.person_id for p in shown],
        detail={"involvement_activity": activity.pk},
    )
    return shown


def get_participant_for(request: HttpRequest, activity: InvolvementActivity, participant_id: int) -> Participant:
    participant = participants_for(request.user, activity).filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    return participant


def payments_for(user: Viewer, activity: InvolvementActivity) -> QuerySet[InvolvementPayment]:
    """Payments to named members the user can see, and payments to people not on the system."""
    visible = Q(person__isnull=True) | Q(person__in=people_visible_to(user))
    return InvolvementPayment.objects.filter(visible, activity=activity).select_related("person")


def feedback_for(user: Viewer) -> FeedbackQuerySet:
    """Managers handle all feedback; a member sees their own; nobody else reads it."""
    if not user.is_authenticated:
        return Feedback.objects.none()
    if can(user, Capability.HANDLE_FEEDBACK):
        return Feedback.objects.select_related("theme", "person")
    if can(user, Capability.GIVE_OWN_FEEDBACK):
        return Feedback.objects.filter(person__in=people_visible_to(user)).select_related("theme")
    return Feedback.objects.none()


def get_feedback_for(request: HttpRequest, feedback_id: int, *, audit: bool = True) -> Feedback:
    feedback = feedback_for(request.user).filter(pk=feedback_id).first()
    if feedback is None:
        raise Http404
    if audit and feedback.person_id:
        record_event(user=request.user, action=Action.VIEW, person_id=feedback.person_id, obj=feedback)
    return feedback


def audit_feedback_list(request: HttpRequest, shown: list[Feedback]) -> None:
    person_ids = [item.person_id for item in shown if item.person_id]
    record_events_for_people(user=request.user, action=Action.VIEW, person_ids=person_ids, detail={"list": "feedback"})


def decisions_for(user: Viewer) -> QuerySet[Decision]:
    if not can(user, Capability.LOG_DECISIONS):
        return Decision.objects.none()
    return Decision.objects.all()


def get_decision_for(request: HttpRequest, decision_id: int) -> Decision:
    decision = decisions_for(request.user).filter(pk=decision_id).first()
    if decision is None:
        raise Http404
    return decision


def published_decisions() -> QuerySet[Decision]:
    """For the public page: only published decisions, and the page shows only their public text."""
    return Decision.objects.published().order_by("-published_at", "-id")
