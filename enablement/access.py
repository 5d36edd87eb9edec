"""The gates for episodes, contacts and reviews: reachable exactly when the person's record is
(`people.access.people_visible_to`). Figures are computed by the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.roles import Capability, can
from audit.services import Action, record_event
from community.models import Attendance
from enablement.models import Contact, Episode, MoveOn, Review
from people.access import caseload_of, people_visible_to, person_scope
from people.models import Person
from people.models.person import PersonQuerySet
from plans.access import plan_documents_for, with_latest_progress
from plans.documents import Kind
from plans.models import PlanDocument

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def episodes_visible_to(user: Viewer) -> QuerySet[Episode]:
    if not can(user, Capability.RECORD_ENABLEMENT_WORK):
        return Episode.objects.none()
    return Episode.objects.filter(person__in=people_visible_to(user))


def get_episode_for(request: HttpRequest, episode_id: int, *, audit: bool = True) -> Episode:
    episode = episodes_visible_to(request.user).select_related("person", "worker", "referral").filter(pk=episode_id).first()
    if episode is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=episode.person_id, obj=episode)
    return episode


def contacts_in(episode: Episode) -> QuerySet[Contact]:
    """Contacts in an episode the caller already reached through `get_episode_for`."""
    return Contact.objects.filter(episode=episode).select_related("worker").order_by("-contact_date", "-start_time", "-id")


def reviews_in(episode: Episode) -> QuerySet[Review]:
    return Review.objects.filter(episode=episode).select_related("recorded_by").order_by("-held_on", "-id")


def move_on_for(episode: Episode) -> MoveOn | None:
    return MoveOn.objects.filter(episode=episode).select_related("project", "resource__organisation").first()


def minutes_given(episode: Episode) -> int:
    """Time given in the episode's contacts that took place, summed by the database."""
    total = Contact.objects.filter(episode=episode, outcome=Contact.Outcome.ATTENDED).aggregate(total=Sum("minutes"))["total"]
    return int(total or 0)


def with_open_episode(people: PersonQuerySet) -> PersonQuerySet:
    """People with the id of their open 1-to-1 episode (or None), worked out in the same query,
    so a list can link straight to the episode and its "Record a contact"."""
    episode = Episode.objects.filter(person=OuterRef("pk"), status=Episode.Status.OPEN)
    return people.annotate(open_episode_id=Subquery(episode.values("pk")[:1]))


def current_or_moved_on(people: PersonQuerySet, *, moved_on: bool = False) -> PersonQuerySet:
    """People still being supported (an open episode, or none started yet), or, with
    `moved_on=True`, those whose every episode has ended: they leave "My caseload" but are kept
    in its "moved on" view."""
    any_episode = Exists(Episode.objects.filter(person=OuterRef("pk")))
    open_episode = Exists(Episode.objects.filter(person=OuterRef("pk"), status=Episode.Status.OPEN))
    if moved_on:
        return people.filter(any_episode & ~open_episode)
    return people.filter(open_episode | ~any_episode)


def caseload_overview(user: Viewer, *, today: date | None = None, moved_on: bool = False) -> PersonQuerySet:
    """The worker's own caseload with, per person, their open episode's figures: days used,
    next review, last contact and overdue flags. One query however long the caseload is.
    People who have moved on are left out, or with `moved_on=True` are the only ones shown."""
    today = today or timezone.localdate()
    if not can(user, Capability.SEE_OWN_CASELOAD):
        return people_visible_to(user).none()
    episode = Episode.objects.filter(person=OuterRef("pk"), status=Episode.Status.OPEN)
    last_contact = Contact.objects.filter(person=OuterRef("pk"), outcome=Contact.Outcome.ATTENDED).order_by("-contact_date")
    today_value = Value(today, output_field=DateField())
    gap = today - timedelta(days=settings.STAR_CONTACT_GAP_DAYS)
    return (
        current_or_moved_on(caseload_of(user), moved_on=moved_on)
        .annotate(
            episode_id=Subquery(episode.values("pk")[:1]),
            episode_started_on=Subquery(episode.values("started_on")[:1]),
            episode_planned_weeks=Subquery(episode.values("planned_weeks")[:1], output_field=IntegerField()),
            episode_planned_end_on=Subquery(episode.values("planned_end_on")[:1]),
            next_review_on=Subquery(episode.values("next_review_on")[:1]),
            last_contact_on=Subquery(last_contact.values("contact_date")[:1]),
        )
        .annotate(
            days_used=ExpressionWrapper(today_value - F("episode_started_on"), output_field=DurationField()),
            review_overdue=Case(When(next_review_on__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField()),
            past_planned_end=Case(
                When(episode_planned_end_on__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            contact_overdue=Case(
                When(Q(episode_id__isnull=False) & (Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=gap)), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by(F("next_review_on").asc(nulls_last=True), "family_name", "given_name", "id")
    )


def overdue_reviews_for(user: Viewer, *, today: date | None = None) -> QuerySet[Episode]:
    """Open episodes whose review date has passed, most overdue first (managers)."""
    today = today or timezone.localdate()
    if not can(user, Capability.SEE_OVERDUE_REVIEWS):
        return Episode.objects.none()
    days_overdue = ExpressionWrapper(Value(today, output_field=DateField()) - F("next_review_on"), output_field=DurationField())
    return (
        episodes_visible_to(user)
        .filter(status=Episode.Status.OPEN, next_review_on__lt=today)
        .select_related("person", "worker")
        .annotate(days_overdue=days_overdue)
        .order_by("next_review_on", "id")
    )


def time_given_per_worker(user: Viewer, *, since: date) -> list[dict[str, Any]]:
    """Minutes of contact that took place since a date, per worker (summed by the database)."""
    if not can(user, Capability.SEE_OVERDUE_REVIEWS):
        return []
    rows = (
        Contact.objects.filter(person__in=people_visible_to(user), outcome=Contact.Outcome.ATTENDED, contact_date__gte=since)
        .values("worker", "worker__first_name", "worker__last_name", "worker__username")
        .annotate(total_minutes=Coalesce(Sum("minutes"), 0), contact_count=Coalesce(Sum(Value(1)), 0))
        .order_by("worker__first_name", "worker__last_name")
    )
    return [dict(row) for row in rows]


def minutes_given_by(user: Viewer, *, since: date) -> int:
    """The worker's own time with people since a date, summed by the database."""
    if not user.is_authenticated:
        return 0
    total = Contact.objects.filter(worker=user, outcome=Contact.Outcome.ATTENDED, contact_date__gte=since).aggregate(total=Sum("minutes"))[
        "total"
    ]
    return int(total or 0)


def goals_for_review(user: Viewer, person: Person) -> list[PlanDocument]:
    """The person's goals from their plan, each with its newest rating, to rate at a review."""
    goals = plan_documents_for(user, person).filter(kind=Kind.GOAL.value).order_by("created_at", "id")
    return list(with_latest_progress(goals)[:20])


@dataclass(frozen=True)
class StepDown:
    """Whether someone has been going to the project they moved on to."""

    sessions_since: int
    last_attended: datetime | None


def step_down_attendance(move_on: MoveOn) -> StepDown | None:
    """Sessions of the move-on project attended since the episode ended: one aggregate query."""
    if move_on.project_id is None:
        return None
    since = timezone.make_aware(datetime.combine(move_on.ended_on, time.min))
    figures = Attendance.objects.filter(
        person_id=move_on.person_id, session__activity__project_id=move_on.project_id, session__starts_at__gte=since
    ).aggregate(sessions=Count("id"), last=Max("session__starts_at"))
    return StepDown(sessions_since=figures["sessions"] or 0, last_attended=figures["last"])


def contacts_of(user: Viewer, person: Person) -> QuerySet[Contact]:
    """A visible person's contacts, newest first (for linking a measure to the contact it was done in)."""
    return Contact.objects.filter(person__in=people_visible_to(user), person=person).order_by("-contact_date", "-start_time", "-id")


def open_episode_for(user: User, person: Person) -> Episode | None:
    """The person's open 1-to-1 episode, if this user may record work in it (for the person page)."""
    if not can(user, Capability.RECORD_ENABLEMENT_WORK):  # as episodes_visible_to
        return None
    open_episodes = Episode.objects.filter(person__in=person_scope(user, person), person=person, status=Episode.Status.OPEN)
    return open_episodes.select_related("worker").first()
