"""After moving on, the worker sees whether the person is going to the project they moved on to."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import Attendance
from community.tests.factories import ProjectFactory, SessionFactory
from conftest import World
from enablement.models import MoveOn
from enablement.tests.factories import EpisodeFactory


def end_episode(client: Client, episode_id: int, **extra: str) -> None:
    today = timezone.localdate()
    client.post(
        reverse("enablement:episode_end", kwargs={"episode_id": episode_id}),
        {
            "ended_on_day": str(today.day),
            "ended_on_month": str(today.month),
            "ended_on_year": str(today.year),
            "destination": "user_led",
            "reason": "Goals met",
            **extra,
        },
    )


def test_moving_on_to_a_project_and_seeing_attendance_since(as_worker: Client, world: World) -> None:
    project = ProjectFactory(name="Moseley Tuesday Drop-in")
    episode = EpisodeFactory(person=world.caseload_person, worker=world.worker)
    end_episode(as_worker, episode.pk, project=str(project.pk))
    move_on = MoveOn.objects.get()
    assert move_on.project == project
    page = as_worker.get(reverse("enablement:episode", kwargs={"episode_id": episode.pk})).content.decode()
    assert "has not been to Moseley Tuesday Drop-in since moving on" in page

    before = SessionFactory(activity__project=project, starts_at=timezone.now() - timedelta(days=30))
    after = SessionFactory(activity__project=project, starts_at=timezone.now() + timedelta(hours=1))
    Attendance.objects.create(session=before, person=world.caseload_person)
    Attendance.objects.create(session=after, person=world.caseload_person)
    page = as_worker.get(reverse("enablement:episode", kwargs={"episode_id": episode.pk})).content.decode()
    assert "has been to Moseley Tuesday Drop-in 1 time since moving on" in page
