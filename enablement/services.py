"""Every change in a 1-to-1 episode: opening it, contacts, reviews, and moving on. Each is
audited; status changes write history rows and only legal ones are allowed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import Action, record_event
from core.status import BrokenRule, move
from enablement.models import Contact, Episode, MoveOn, Review
from enablement.models.episode import EpisodeClosed
from hub.models import HowSignposted, Signposting
from hub.services import signpost
from plans import services as plans_services
from plans.models import PlanDocument

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person

# The longest one review may extend an episode by (the planned weeks are a small integer).
MAX_EXTENSION_WEEKS = 52


class FutureContact(BrokenRule):
    """A contact can only be recorded once it has happened."""


class EndBeforeStart(BrokenRule):
    """An episode cannot end before it started."""


class EpisodeAlreadyOpen(BrokenRule):
    """A person has at most one open 1-to-1 episode."""


@transaction.atomic
def open_episode(
    *,
    by: User,
    person: Person,
    worker: User,
    referral_id: int | None = None,
    started_on: date | None = None,
) -> Episode:
    """Open a time-limited 1-to-1 episode: planned length and review interval from settings.
    `referral_id` names the referral it came from (referrals builds on enablement, not the reverse)."""
    if Episode.objects.filter(person=person, status=Episode.Status.OPEN).exists():
        raise EpisodeAlreadyOpen("This person already has an open 1-to-1 episode")
    start = started_on or timezone.localdate()
    weeks = settings.STAR_EPISODE_WEEKS
    review_weeks = settings.STAR_REVIEW_WEEKS
    episode = Episode(
        person=person,
        referral_id=referral_id,
        worker=worker,
        started_on=start,
        planned_weeks=weeks,
        planned_end_on=start + timedelta(weeks=weeks),
        review_every_weeks=review_weeks,
        next_review_on=start + timedelta(weeks=review_weeks),
        opened_by=by,
    )
    move(episode, Episode.Status.OPEN, by=by, detail={"worker": worker.pk})
    return episode


def _require_open(episode: Episode) -> None:
    if not episode.is_open:
        raise EpisodeClosed("This episode has ended, so nothing more can be added to it")


@transaction.atomic
def record_contact(*, by: User, episode: Episode, contact: Contact) -> Contact:
    _require_open(episode)
    if contact.contact_date > timezone.localdate():
        raise FutureContact("The date of the contact must be today or in the past")
    if contact.contact_date < episode.started_on:
        raise EndBeforeStart("The date of the contact must be on or after the episode started")
    contact.episode, contact.person, contact.recorded_by = episode, episode.person, by
    if not contact.worker_id:
        contact.worker = by
    contact.save()
    record_event(user=by, action=Action.CREATE, person_id=episode.person_id, obj=contact)
    return contact


@transaction.atomic
def record_review(
    *,
    by: User,
    episode: Episode,
    review: Review,
    goal_ratings: Sequence[tuple[PlanDocument, int, str]] = (),
) -> Review:
    """A review: continue, extend (with a reason) or end. It sets when the next one falls due.
    Each goal rated at the review becomes a progress entry on that goal in the person's plan."""
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    _require_open(episode)
    if review.held_on > timezone.localdate():
        raise FutureContact("The date of the review must be today or in the past")
    if review.held_on < episode.started_on:
        raise EndBeforeStart("The date of the review must be on or after the episode started")
    review.episode, review.person, review.recorded_by = episode, episode.person, by
    if review.decision == Review.Decision.EXTEND:
        if not review.extend_by_weeks or not review.extension_reason.strip():
            raise ValueError("An extension needs a number of weeks and a reason")
        if review.extend_by_weeks > MAX_EXTENSION_WEEKS:
            raise ValueError(f"Extend by {MAX_EXTENSION_WEEKS} weeks or fewer")
        episode.planned_weeks += review.extend_by_weeks
        episode.planned_end_on += timedelta(weeks=review.extend_by_weeks)
    if review.decision == Review.Decision.END:
        review.next_review_on = None
    elif review.next_review_on is None:
        review.next_review_on = review.held_on + timedelta(weeks=episode.review_every_weeks)
    episode.next_review_on = review.next_review_on
    episode.save(update_fields=["planned_weeks", "planned_end_on", "next_review_on"])
    review.save()
    for goal, rating, note in goal_ratings:
        if goal.person_id != episode.person_id:
            raise ValueError("A review can only rate the person's own goals")
        plans_services.record_goal_progress(
            by=by,
            goal=goal,
            recorded_on=review.held_on,
            rating=rating,
            note=note or "Rated at a review",
            in_persons_words=False,
        )
    record_event(
        user=by,
        action=Action.CREATE,
        person_id=episode.person_id,
        obj=review,
        detail={"decision": review.decision, "goals_rated": len(goal_ratings)},
    )
    return review


@transaction.atomic
def end_episode(*, by: User, episode: Episode, move_on: MoveOn) -> MoveOn:
    """End the episode with where the person is moving on to."""
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    _require_open(episode)
    if move_on.ended_on < episode.started_on:
        raise EndBeforeStart("The end date must be on or after the date the episode started")
    if move_on.ended_on > timezone.localdate():
        raise FutureContact("The end date must be today or in the past")
    episode.ended_on = move_on.ended_on
    episode.next_review_on = None
    move(
        episode,
        Episode.Status.ENDED,
        by=by,
        reason=move_on.reason,
        detail={"ended": True, "destination": move_on.destination},
    )
    move_on.episode, move_on.person, move_on.recorded_by = episode, episode.person, by
    move_on.save()
    record_event(user=by, action=Action.CREATE, person_id=episode.person_id, obj=move_on)
    if move_on.resource is not None:
        # Moving on to another organisation's service is signposting, with the same follow-up.
        signpost(
            by=by,
            signposting=Signposting(
                person=episode.person,
                resource=move_on.resource,
                signposted_on=move_on.ended_on,
                how=HowSignposted.GAVE_DETAILS,
                reason="Moving on at the end of 1-to-1 support",
            ),
        )
    return move_on
