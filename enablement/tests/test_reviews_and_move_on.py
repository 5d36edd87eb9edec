"""Reviews on a schedule, and ending the episode with a move-on."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from conftest import World
from enablement import services
from enablement.models import Episode, EpisodeHistoryIsImmutable, EpisodeStatusChange, MoveOn, Review
from enablement.models.episode import EpisodeClosed
from enablement.tests.factories import EpisodeFactory, ReviewFactory


def day_fields(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def review_answers(**changes: Any) -> dict[str, Any]:
    data = {
        **day_fields("held_on", timezone.localdate()),
        "who_took_part": "Ada and Sam",
        "what_is_working": "Weekly walks",
        "progress": "Goal 1: joined the library. Goal 2: took the bus alone twice",
        "persons_view": "I feel more confident",
        "decision": Review.Decision.CONTINUE,
        "extend_by_weeks": "",
        "extension_reason": "",
    }
    data.update(changes)
    return data


def move_on_answers(**changes: Any) -> dict[str, Any]:
    data = {
        **day_fields("ended_on", timezone.localdate()),
        "destination": MoveOn.Destination.USER_LED,
        "reason": "Goals met",
        "community_group": "Tuesday walking group, Cannon Hill Park",
    }
    data.update(changes)
    return data


@pytest.fixture
def episode(world: World) -> Episode:
    return services.open_episode(
        by=world.manager, person=world.caseload_person, worker=world.worker, started_on=timezone.localdate() - datetime.timedelta(weeks=5)
    )


def test_opening_an_episode_uses_the_configured_length_and_review_interval(world: World, settings: Settings) -> None:
    settings.STAR_EPISODE_WEEKS = 8
    settings.STAR_REVIEW_WEEKS = 2
    start = datetime.date(2026, 1, 5)
    episode = services.open_episode(by=world.manager, person=world.stranger, worker=world.other_worker, started_on=start)
    assert episode.planned_end_on == datetime.date(2026, 3, 2)
    assert episode.next_review_on == datetime.date(2026, 1, 19)
    with pytest.raises(services.EpisodeAlreadyOpen):
        services.open_episode(by=world.manager, person=world.stranger, worker=world.worker)


def test_a_review_sets_when_the_next_one_falls_due(as_worker: Client, world: World, episode: Episode) -> None:
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/reviews/new/", review_answers())
    assert response.status_code == 302
    review = Review.objects.get()
    episode.refresh_from_db()
    assert review.next_review_on == timezone.localdate() + datetime.timedelta(weeks=4)
    assert episode.next_review_on == review.next_review_on


def test_extending_needs_a_reason_and_moves_the_planned_end(as_worker: Client, episode: Episode) -> None:
    planned_end = episode.planned_end_on
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/reviews/new/", review_answers(decision="extend", extend_by_weeks="4"))
    assert "Enter the reason for the extension" in response.content.decode()
    assert not Review.objects.exists()
    as_worker.post(
        f"/enablement/episodes/{episode.pk}/reviews/new/",
        review_answers(decision="extend", extend_by_weeks="4", extension_reason="Housing move"),
    )
    episode.refresh_from_db()
    assert episode.planned_end_on == planned_end + datetime.timedelta(weeks=4)
    assert episode.planned_weeks == 16


@pytest.mark.parametrize("weeks", ["53", "32756", "32767", "99999"])
def test_an_extension_longer_than_a_year_is_refused_with_a_message_not_a_500(as_worker: Client, episode: Episode, weeks: str) -> None:
    planned_weeks = episode.planned_weeks
    data = review_answers(decision="extend", extend_by_weeks=weeks, extension_reason="Housing move")
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/reviews/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Extend by 52 weeks or fewer" in body and "Ensure this value" not in body
    assert not Review.objects.exists()
    episode.refresh_from_db()
    assert episode.planned_weeks == planned_weeks
    assert as_worker.post(f"/enablement/episodes/{episode.pk}/reviews/new/", {**data, "extend_by_weeks": "52"}).status_code == 302


def test_a_review_in_the_future_is_refused(as_worker: Client, episode: Episode) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/reviews/new/", review_answers(**day_fields("held_on", tomorrow)))
    assert "The date of the review must be today or in the past" in response.content.decode()
    assert not Review.objects.exists()


def test_a_review_of_a_closed_episode_is_refused(as_worker: Client, world: World, episode: Episode) -> None:
    services.end_episode(
        by=world.worker, episode=episode, move_on=MoveOn(destination="none", reason="Moved away", ended_on=timezone.localdate())
    )
    episode.refresh_from_db()
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/reviews/new/", review_answers())
    assert response.status_code == 302
    assert not Review.objects.exists()
    with pytest.raises(EpisodeClosed):
        services.record_review(by=world.worker, episode=episode, review=ReviewFactory.build(episode=episode))


def test_ending_the_episode_records_the_move_on(as_worker: Client, world: World, episode: Episode) -> None:
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/end/", move_on_answers())
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.status == Episode.Status.ENDED and episode.ended_on == timezone.localdate() and episode.next_review_on is None
    move_on = MoveOn.objects.get()
    assert move_on.destination == MoveOn.Destination.USER_LED and move_on.community_group.startswith("Tuesday walking group")
    changes = [(c.from_status, c.to_status, c.changed_by) for c in episode.status_changes.all()]
    assert changes == [("", "open", world.manager), ("open", "ended", world.worker)]
    body = as_worker.get(f"/enablement/episodes/{episode.pk}/").content.decode()
    assert "Moving on" in body and "Record a contact" not in body


def test_an_end_before_the_start_is_refused(as_worker: Client, episode: Episode) -> None:
    before = episode.started_on - datetime.timedelta(days=1)
    response = as_worker.post(f"/enablement/episodes/{episode.pk}/end/", move_on_answers(**day_fields("ended_on", before)))
    assert "The end date must be on or after the date the episode started" in response.content.decode()
    episode.refresh_from_db()
    assert episode.is_open and not MoveOn.objects.exists()


def test_an_episode_cannot_end_twice(world: World, episode: Episode) -> None:
    services.end_episode(
        by=world.worker, episode=episode, move_on=MoveOn(destination="none", reason="Moved", ended_on=timezone.localdate())
    )
    episode.refresh_from_db()
    with pytest.raises(EpisodeClosed):
        services.end_episode(
            by=world.worker, episode=episode, move_on=MoveOn(destination="none", reason="Again", ended_on=timezone.localdate())
        )
    assert MoveOn.objects.count() == 1


def test_a_move_on_needs_a_destination_and_reason(as_worker: Client, episode: Episode) -> None:
    body = as_worker.post(f"/enablement/episodes/{episode.pk}/end/", move_on_answers(destination="", reason="")).content.decode()
    assert "Select where they are moving on to" in body and "Enter why the episode is ending" in body


def test_episode_history_cannot_be_changed(world: World, episode: Episode) -> None:
    change = episode.status_changes.get()
    with pytest.raises(EpisodeHistoryIsImmutable):
        change.save()
    with pytest.raises(EpisodeHistoryIsImmutable):
        EpisodeStatusChange.objects.all().delete()


def test_someone_elses_episode_cannot_be_reviewed_or_ended(as_worker: Client, world: World) -> None:
    theirs = EpisodeFactory.create(person=world.stranger, worker=world.other_worker)
    assert as_worker.post(f"/enablement/episodes/{theirs.pk}/reviews/new/", review_answers()).status_code == 404
    assert as_worker.post(f"/enablement/episodes/{theirs.pk}/end/", move_on_answers()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_open and not Review.objects.exists()
