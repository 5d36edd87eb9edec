"""At a review the worker rates the person's goals; each rating joins the goal's progress."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from enablement.tests.factories import EpisodeFactory
from plans.documents import Kind
from plans.models import GoalProgress
from plans.tests.factories import make_plan


def review_data(**extra: str) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "held_on_day": str(today.day),
        "held_on_month": str(today.month),
        "held_on_year": str(today.year),
        "who_took_part": "Ada and Sam",
        "what_is_working": "Weekly walks",
        "progress": "See the goals",
        "persons_view": "Getting there",
        "decision": "continue",
        **extra,
    }


def test_rated_goals_become_progress_entries(as_worker: Client, world: World) -> None:
    person = world.caseload_person
    episode = EpisodeFactory.create(person=person, worker=world.worker)
    walking = make_plan(person, Kind.GOAL, by=world.worker, title="Join the walking group")
    cooking = make_plan(person, Kind.GOAL, by=world.worker, title="Cook twice a week")
    url = reverse("enablement:review_new", kwargs={"episode_id": episode.pk})
    page = as_worker.get(url).content.decode()
    assert "Join the walking group: how close is the person to this goal?" in page

    as_worker.post(url, review_data(**{f"goal_{walking.pk}_rating": "7", f"goal_{walking.pk}_note": "Went three times"}))
    entry = GoalProgress.objects.get()
    assert entry.goal == walking and entry.rating == 7 and entry.note == "Went three times"
    assert entry.recorded_on == timezone.localdate() and entry.recorded_by == world.worker
    assert not GoalProgress.objects.filter(goal=cooking).exists()


def test_someone_elses_goal_cannot_be_rated(as_worker: Client, world: World) -> None:
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    other_goal = make_plan(world.stranger, Kind.GOAL, by=world.other_worker, title="Not yours")
    url = reverse("enablement:review_new", kwargs={"episode_id": episode.pk})
    as_worker.post(url, review_data(**{f"goal_{other_goal.pk}_rating": "3"}))
    assert not GoalProgress.objects.filter(goal=other_goal).exists()
