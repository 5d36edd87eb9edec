"""Managers maintain caseloads, which open and close records to workers; alerts show in headers."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from conftest import World, sign_in
from people.access import people_visible_to
from people.models import Alert, CaseloadEntry


def test_a_manager_adds_and_removes_a_worker_from_a_caseload(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    url = reverse("people:caseload", kwargs={"person_id": world.stranger.pk})
    assert not people_visible_to(world.worker).filter(pk=world.stranger.pk).exists()

    client.post(url, {"worker": world.worker.pk})
    client.post(url, {"worker": world.worker.pk})  # a double submit adds nothing more
    entries = CaseloadEntry.objects.filter(person=world.stranger, worker=world.worker, ended_at__isnull=True)
    assert entries.count() == 1
    assert people_visible_to(world.worker).filter(pk=world.stranger.pk).exists()

    client.post(reverse("people:caseload_end", kwargs={"person_id": world.stranger.pk, "entry_id": entries.get().pk}))
    assert not people_visible_to(world.worker).filter(pk=world.stranger.pk).exists()
    actions = list(AuditEvent.objects.filter(person_id=world.stranger.pk).values_list("action", flat=True))
    assert actions.count("caseload_added") == 1 and actions.count("caseload_ended") == 1


def test_only_active_str_workers_can_be_chosen(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    response = client.post(reverse("people:caseload", kwargs={"person_id": world.stranger.pk}), {"worker": world.volunteer.pk})
    assert "Select a worker from the list" in response.content.decode()


def test_a_worker_raises_and_ends_an_alert(as_worker: Client, world: World) -> None:
    person = world.caseload_person
    response = as_worker.post(
        reverse("people:alert_new", kwargs={"person_id": person.pk}),
        {"category": "communication", "summary": "Uses BSL: book an interpreter"},
    )
    assert response.status_code == 302
    alert = Alert.objects.get(person=person)
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": person.pk})).content.decode()
    assert "Communication need</strong>" in page and "Uses BSL: book an interpreter</a>" in page
    as_worker.post(reverse("people:alert_end", kwargs={"person_id": person.pk, "alert_id": alert.pk}))
    alert.refresh_from_db()
    assert alert.ended_at is not None and alert.ended_by == world.worker


def test_an_alert_needs_a_category_and_summary(as_worker: Client, world: World) -> None:
    page = as_worker.post(reverse("people:alert_new", kwargs={"person_id": world.caseload_person.pk}), {}).content.decode()
    assert "Select what kind of alert it is" in page
    assert "Enter what staff need to know" in page


def test_a_worker_cannot_end_an_alert_on_someone_elses_record(as_worker: Client, world: World) -> None:
    alert = Alert.objects.create(person=world.stranger, category="risk", summary="x")
    response = as_worker.post(reverse("people:alert_end", kwargs={"person_id": world.stranger.pk, "alert_id": alert.pk}))
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.ended_at is None


def test_equality_monitoring_is_recorded_with_the_derived_code(as_worker: Client, world: World) -> None:
    person = world.caseload_person
    response = as_worker.post(
        reverse("people:equality", kwargs={"person_id": person.pk}),
        {
            "ethnicity": "white_roma",
            "sex": "declined",
            "gender_identity": "3",
            "gender_same_at_birth": "Z",
            "sexual_orientation": "not_sure",
            "disability": "yes",
            "religion": "none",
        },
    )
    assert response.status_code == 302
    person.equality_monitoring.refresh_from_db()
    assert person.equality_monitoring.nhs_ethnic_category == "C"
    assert AuditEvent.objects.filter(person_id=person.pk, action="update", object_type="people.equalitymonitoring").exists()
