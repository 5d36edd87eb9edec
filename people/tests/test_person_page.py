"""The person's page: header, alerts, timeline; bounded queries however long the history."""

from __future__ import annotations

from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from people.access import alerts_for, caseload_entries_for, get_person_for
from people.models import CaseloadEntry
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
    # Session, user and two-factor device (3); the person, through the gate, and the audit row (2);
    # active alerts and emergency access (2); one per summary source: measures, crisis plan,
    # concerns, risk, personal budget (5); the timeline's newest moments and one per timeline
    # source with entries new enough: alerts and caseload, the record needs none (3); consents,
    # the caseload, amended details (3); the service's own questions (2); the open episode and
    # the documents (2).
    with django_assert_max_num_queries(22) as few:
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


def test_the_relationship_is_worked_out_once_for_the_whole_page(as_worker: Client, world: World) -> None:
    """Every gate on the page scopes by the worker's relationship with the person; the person's gate
    works it out (caseload or emergency access) and the others take its answer for this request."""
    with CaptureQueriesContext(connection) as page:
        as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    scoped = [query["sql"] for query in page.captured_queries if "people_caseloadentry" in query["sql"] and "UNION" in query["sql"].upper()]
    assert len(scoped) == 1
    assert scoped[0].startswith('SELECT "people_person"')


def test_a_person_found_for_one_worker_opens_nothing_to_another(world: World) -> None:
    AlertFactory.create(person=world.caseload_person, summary="Lone working")
    request = RequestFactory().get("/")
    request.user = world.worker
    person = get_person_for(request, world.caseload_person.pk)
    assert [alert.summary for alert in alerts_for(world.worker, person)] == ["Lone working"]
    assert not alerts_for(world.other_worker, person).exists()
    assert not caseload_entries_for(world.other_worker, person).exists()


def test_a_person_read_without_the_gate_is_checked_in_full(world: World) -> None:
    AlertFactory.create(person=world.caseload_person)
    CaseloadEntry.objects.filter(person=world.caseload_person).update(ended_at="2026-01-01T00:00:00Z")
    assert not alerts_for(world.worker, world.caseload_person).exists()  # no longer on their caseload
