"""The person's page: header, alerts, timeline; bounded queries however long the history."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from people.tests.factories import AlertFactory, ConsentFactory


def test_worker_sees_the_header_alerts_and_timeline(as_worker: Client, world: World) -> None:
    AlertFactory.create(person=world.caseload_person, summary="Lone working: meet in public places")
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "<h1" in page and "Ada Lovelace (known as Addie)" in page
    assert "Lone working: meet in public places</a>" in page.split('aria-label="What to know"')[1]
    assert "Risk alert raised" in page
    assert "Added to " in page  # the caseload entry on the timeline


def test_each_view_is_audited(as_worker: Client, world: World) -> None:
    as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    event = AuditEvent.objects.get(action="view", person_id=world.caseload_person.pk)
    assert event.user == world.worker
    assert event.user_role == "str_worker"
    assert event.path == f"/people/{world.caseload_person.pk}/"


def test_a_stranger_is_not_found_and_nothing_is_audited_as_seen(as_worker: Client, world: World) -> None:
    response = as_worker.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk}))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert not AuditEvent.objects.filter(action="view", person_id=world.stranger.pk).exists()


def test_the_timeline_can_be_filtered(as_worker: Client, world: World) -> None:
    AlertFactory.create(person=world.caseload_person)
    url = reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})
    page = as_worker.get(url + "?show=alerts").content.decode()
    assert "Risk alert raised" in page
    assert "Record created" not in page


def test_page_cost_does_not_grow_with_history(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    url = reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})
    for _ in range(3):
        AlertFactory.create(person=world.caseload_person)
    # One query per timeline source and summary source, whatever the history, one for the documents
    # on the record, one for the personal budget's summary, two for the service's own questions and
    # one for signposting's timeline source.
    with django_assert_max_num_queries(49) as few:
        as_worker.get(url)
    for _ in range(60):
        AlertFactory.create(person=world.caseload_person)
        ConsentFactory.create(person=world.caseload_person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = as_worker.get(url).content.decode()
    assert page.count("star-timeline__item") == 50  # the newest 50, not the whole history


def test_a_member_sees_their_own_record_without_staff_alerts(client: Client, world: World) -> None:
    AlertFactory.create(person=world.member_person, summary="Staff-only note")
    sign_in(client, world.member)
    page = client.get(reverse("people:detail", kwargs={"person_id": world.member_person.pk})).content.decode()
    assert "Mary Seacole" in page
    assert "Staff-only note" not in page
    assert "Change details" not in page
