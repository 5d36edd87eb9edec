"""The audit trail is append-only, at the model, the queryset and the database; managers read it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent, AuditTrailIsAppendOnly
from audit.services import Action, record_event
from conftest import World, sign_in


@pytest.fixture
def event(world: World) -> AuditEvent:
    return record_event(user=world.worker, action=Action.VIEW, person_id=world.caseload_person.pk, obj=world.caseload_person)


def test_an_event_cannot_be_changed_or_deleted_through_the_model(event: AuditEvent) -> None:
    event.reason = "rewritten"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET reason = 'rewritten'", "DELETE FROM audit_auditevent"])
def test_the_database_refuses_raw_sql_that_rewrites_history(event: AuditEvent, statement: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


def test_a_manager_filters_the_trail_by_person_and_by_user(client: Client, world: World) -> None:
    record_event(user=world.worker, action=Action.VIEW, person_id=world.caseload_person.pk)
    record_event(user=world.other_worker, action=Action.VIEW, person_id=world.stranger.pk)
    sign_in(client, world.manager)
    by_person = client.get(reverse("audit:trail"), {"person": str(world.stranger.pk)}).content.decode()
    assert "Alan Turing" in by_person and "Ada Lovelace" not in by_person
    by_user = client.get(reverse("audit:trail"), {"user": world.worker.pk}).content.decode()
    assert "Ada Lovelace" in by_user and "Alan Turing" not in by_user
    assert AuditEvent.objects.filter(action="audit_read", user=world.manager).count() == 2


def test_a_bad_filter_is_explained(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    page = client.get(reverse("audit:trail"), {"person": "not-an-id"}).content.decode()
    assert "Enter a record ID in the right format" in page


def test_the_trail_page_costs_the_same_with_many_events(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(120):
        record_event(user=world.worker, action=Action.VIEW, person_id=world.caseload_person.pk)
    sign_in(client, world.manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("audit:trail")).content.decode()
    assert page.count('<tr class="nhsuk-table__row">') == 51


def test_the_trail_counts_at_most_so_many_events(client: Client, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting a national trail for the caption would read all of it: past the cap (1,000) the
    page says so and points to the filters; the newest events come first as before."""
    from audit.views import trail

    assert trail.MOST_SHOWN == 1_000
    monkeypatch.setattr(trail, "MOST_SHOWN", 3)
    for _ in range(4):
        record_event(user=world.worker, action=Action.VIEW, person_id=world.caseload_person.pk)
    sign_in(client, world.manager)
    page = client.get(reverse("audit:trail")).content.decode()
    assert "More than 3 events: the newest 3 are shown. Filter by person or user to see older ones" in page
    assert page.count('<tr class="nhsuk-table__row">') == 4  # the header and three events
    narrowed = client.get(reverse("audit:trail"), {"person": str(world.stranger.pk)}).content.decode()
    assert "0 events" in narrowed
