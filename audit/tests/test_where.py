"""Every audit row says where it came from: a page (path and address), a task or a command,
without the request being passed down through the services (`core.where`)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from celery import shared_task
from django.test import Client
from django.urls import reverse

import manage
from audit.models import AuditEvent
from audit.services import record_event
from conftest import World
from core.where import Where, carried, current, working_from
from people.models import Alert
from star.celery import _task_ends, _task_starts


@pytest.mark.django_db
def test_outside_any_entry_point_the_row_has_no_address(world: World) -> None:
    assert current() is None
    event = record_event(user=world.manager, action=AuditEvent.Action.VIEW)
    assert (event.path, event.ip_address) == ("", None)


@pytest.mark.django_db
def test_a_task_names_itself_and_a_task_run_inside_a_request_keeps_the_page(world: World) -> None:
    _task_starts(task_id="t-1", task=SimpleNamespace(name="interop.run_import"))
    try:
        event = record_event(user=world.manager, action=AuditEvent.Action.VIEW)
    finally:
        _task_ends(task_id="t-1")
    assert event.path == "task:interop.run_import"
    assert current() is None

    with working_from(Where(path="/interop/import/7/import/", ip_address="192.0.2.9")):
        _task_starts(task_id="t-2", task=SimpleNamespace(name="interop.run_import"))
        event = record_event(user=world.manager, action=AuditEvent.Action.VIEW)
        _task_ends(task_id="t-2")
        assert current() == Where(path="/interop/import/7/import/", ip_address="192.0.2.9")
    assert (event.path, event.ip_address) == ("/interop/import/7/import/", "192.0.2.9")


@pytest.mark.django_db
def test_a_command_names_itself(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[AuditEvent] = []
    monkeypatch.setattr(sys, "argv", ["manage.py", "import_legacy", "--kind", "people"])
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: events.append(record_event(user=world.manager, action=AuditEvent.Action.VIEW)),
    )
    manage.main()
    assert [event.path for event in events] == ["command:import_legacy"]
    assert current() is None


@pytest.mark.django_db
def test_a_row_written_deep_in_a_service_has_the_pages_path_and_address(as_worker: Client, world: World) -> None:
    url = reverse("people:alert_new", kwargs={"person_id": world.caseload_person.pk})
    response = as_worker.post(url, {"category": "communication", "summary": "Uses BSL"}, REMOTE_ADDR="192.0.2.31")
    assert response.status_code == 302
    alert = Alert.objects.get(person=world.caseload_person)
    event = AuditEvent.objects.get(object_type="people.alert", object_id=str(alert.pk))
    assert (event.path, event.ip_address) == (url, "192.0.2.31")
    assert current() is None


@pytest.mark.django_db
def test_each_request_has_its_own_address(as_worker: Client, world: World) -> None:
    first = reverse("people:alert_new", kwargs={"person_id": world.caseload_person.pk})
    as_worker.post(first, {"category": "communication", "summary": "Uses BSL"}, REMOTE_ADDR="192.0.2.31")
    alert = Alert.objects.get(person=world.caseload_person)
    second = reverse("people:alert_end", kwargs={"person_id": world.caseload_person.pk, "alert_id": alert.pk})
    as_worker.post(second, REMOTE_ADDR="192.0.2.32")
    rows = AuditEvent.objects.filter(object_type="people.alert").order_by("id").values_list("path", "ip_address")
    assert list(rows) == [(first, "192.0.2.31"), (second, "192.0.2.32")]


@pytest.mark.django_db
def test_a_streamed_export_audits_each_chunk_from_its_page(as_manager: Client, world: World) -> None:
    url = reverse("interop:export_csv", kwargs={"list_name": "people"})
    response = as_manager.get(url, REMOTE_ADDR="192.0.2.40")
    assert current() is None  # the middleware has returned; the rows are made as they are read
    b"".join(response.streaming_content)  # type: ignore[attr-defined]
    rows = set(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).values_list("path", "ip_address"))
    assert rows == {(url, "192.0.2.40")}
    assert current() is None


def test_carried_sets_the_context_only_while_a_chunk_is_made() -> None:
    seen: list[Where | None] = []

    def chunks() -> Iterator[int]:
        for number in range(2):
            seen.append(current())
            yield number

    with working_from(Where(path="/exports/people.csv", ip_address="192.0.2.41")):
        streamed = carried(chunks())
    assert current() is None
    for _ in streamed:
        assert current() is None  # nothing leaks between chunks
    assert seen == [Where(path="/exports/people.csv", ip_address="192.0.2.41")] * 2


@pytest.mark.django_db
def test_a_celery_task_names_itself(world: World) -> None:
    paths: list[str] = []

    @shared_task(name="star.tests.audit_something")  # type: ignore[untyped-decorator]  # celery has no type hints
    def audit_something() -> None:
        paths.append(record_event(user=world.manager, action=AuditEvent.Action.VIEW).path)

    audit_something.apply()
    assert paths == ["task:star.tests.audit_something"]
    assert current() is None


def test_threads_each_see_their_own_context_and_start_with_none() -> None:
    both_inside = threading.Barrier(2)
    seen: dict[str, Where | None] = {}

    def work(name: str) -> None:
        seen[f"{name} before"] = current()
        with working_from(Where(path=f"/{name}/", ip_address=None)):
            both_inside.wait(timeout=5)
            seen[name] = current()
            both_inside.wait(timeout=5)

    with working_from(Where(path="/main/", ip_address="192.0.2.50")):
        threads = [threading.Thread(target=work, args=(name,)) for name in ("one", "two")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert current() == Where(path="/main/", ip_address="192.0.2.50")
    assert seen == {"one before": None, "two before": None, "one": Where(path="/one/"), "two": Where(path="/two/")}
