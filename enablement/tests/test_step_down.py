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
    project = ProjectFactory.create(name="Moseley Tuesday Drop-in")
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    end_episode(as_worker, episode.pk, project=str(project.pk))
    move_on = MoveOn.objects.get()
    assert move_on.project == project
    page = as_worker.get(reverse("enablement:episode", kwargs={"episode_id": episode.pk})).content.decode()
    assert "has not been to Moseley Tuesday Drop-in since moving on" in page

    before = SessionFactory.create(activity__project=project, starts_at=timezone.now() - timedelta(days=30))
    after = SessionFactory.create(activity__project=project, starts_at=timezone.now() + timedelta(hours=1))
    Attendance.objects.create(session=before, person=world.caseload_person)
    Attendance.objects.create(session=after, person=world.caseload_person)
    page = as_worker.get(reverse("enablement:episode", kwargs={"episode_id": episode.pk})).content.decode()
    assert "has been to Moseley Tuesday Drop-in 1 time since moving on" in page


def test_moving_on_to_a_partners_group_in_the_hub_is_a_signposting_with_its_follow_up(as_worker: Client, world: World) -> None:
    from audit.models import AuditEvent
    from hub.access import follow_ups_due_for
    from hub.models import Signposting
    from hub.tests.factories import ResourceFactory

    group = ResourceFactory.create(name="Hearing Voices group", organisation__name="Mind in the City")
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    form = reverse("enablement:episode_end", kwargs={"episode_id": episode.pk})
    assert "Hearing Voices group (Mind in the City)" in as_worker.get(form).content.decode()
    end_episode(as_worker, episode.pk, destination="other_service", resource=str(group.pk))
    move_on = MoveOn.objects.get()
    assert move_on.resource == group
    signposting = Signposting.objects.get(person=world.caseload_person)
    today = timezone.localdate()
    assert (signposting.resource, signposting.signposted_by, signposting.signposted_on) == (group, world.worker, today)
    assert signposting.follow_up_due == today + timedelta(weeks=2)
    assert AuditEvent.objects.filter(person_id=world.caseload_person.pk, action="create", object_type__icontains="signposting").exists()
    page = as_worker.get(reverse("enablement:episode", kwargs={"episode_id": episode.pk})).content.decode()
    assert "Hearing Voices group (Mind in the City)" in page
    assert not follow_ups_due_for(world.worker, today=today).exists()
    assert list(follow_ups_due_for(world.worker, today=today + timedelta(weeks=2))) == [signposting]


def test_a_retired_hub_resource_cannot_be_chosen(as_worker: Client, world: World) -> None:
    from hub.models import Signposting
    from hub.tests.factories import ResourceFactory

    gone = ResourceFactory.create(is_active=False)
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    end_episode(as_worker, episode.pk, resource=str(gone.pk))
    assert not MoveOn.objects.exists() and not Signposting.objects.exists()
