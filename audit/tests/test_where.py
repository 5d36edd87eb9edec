"""Every audit row says where it came from: a page (path and address), a task or a command,
without the request being passed down through the services (`core.where`)."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest

import manage
from audit.models import AuditEvent
from audit.services import record_event
from conftest import World
from core.where import Where, current, working_from
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
