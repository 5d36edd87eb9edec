"""The person's timeline: episodes, contacts, reviews and move-on. Each source is one query
returning at most `limit` entries."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from enablement.models import Contact, EpisodeStatusChange, MoveOn, Review
from enablement.presenters import hours_and_minutes
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def _at(day: datetime.date, time: datetime.time | None = None) -> datetime.datetime:
    """Where a dated entry sits on the timeline: at its time, or midday when it has none, but never
    after now (something recorded this morning without a time is not ahead of what came since)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, time or datetime.time(12, 0)))
    return min(moment, timezone.now()) if time is None else moment


def episode_entries(person: Person, limit: int) -> list[TimelineEntry]:
    changes = (
        EpisodeStatusChange.objects.filter(episode__person=person).select_related("episode__worker").order_by("-changed_at", "-id")[:limit]
    )
    return [
        TimelineEntry(
            change.changed_at,
            "episodes",
            f"1-to-1 episode with {change.episode.worker.display_name} "
            + ("started" if change.to_status == change.episode.Status.OPEN else "ended"),
            url=reverse("enablement:episode", kwargs={"episode_id": change.episode_id}),
        )
        for change in changes
    ]


def contact_entries(person: Person, limit: int) -> list[TimelineEntry]:
    contacts = Contact.objects.filter(person=person).select_related("worker").order_by("-contact_date", "-start_time", "-id")[:limit]
    return [
        TimelineEntry(
            _at(contact.contact_date, contact.start_time),
            "contacts",
            f"{contact.get_mode_display()} with {contact.worker.display_name}"
            + ("" if contact.took_place else f": {contact.get_outcome_display().lower()}"),
            hours_and_minutes(contact.minutes) if contact.took_place else "",
        )
        for contact in contacts
    ]


def review_entries(person: Person, limit: int) -> list[TimelineEntry]:
    return [
        TimelineEntry(_at(review.held_on), "reviews", f"Review: {review.get_decision_display().lower()}", review.persons_view[:200])
        for review in Review.objects.filter(person=person).order_by("-held_on", "-id")[:limit]
    ]


def move_on_entries(person: Person, limit: int) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            _at(move_on.ended_on),
            "move_on",
            f"Moved on: {move_on.get_destination_display().lower()}",
            move_on.community_group,
        )
        for move_on in MoveOn.objects.filter(person=person).order_by("-ended_on", "-id")[:limit]
    ]


SOURCES = (
    TimelineSource("episodes", "Episodes", episode_entries, newest=(Newest(EpisodeStatusChange, "episode__person", ("changed_at",)),)),
    TimelineSource("contacts", "Contacts", contact_entries, newest=(Newest(Contact, "person", ("contact_date",)),)),
    TimelineSource("reviews", "Reviews", review_entries, newest=(Newest(Review, "person", ("held_on",)),)),
    TimelineSource("move_on", "Move-on", move_on_entries, newest=(Newest(MoveOn, "person", ("ended_on",)),)),
)
