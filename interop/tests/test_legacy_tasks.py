"""The import as a Celery task: at once in the request when no broker is set (eager), and in a
real worker, with its progress in the cache for the status page."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.core.cache import cache
from pytest_django import DjangoCaptureOnCommitCallbacks

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from conftest import World
from interop.legacy import progress, services
from interop.legacy.models import ImportRun
from interop.tests.legacy_factories import good_rows, make_run
from people.models import Person


def test_without_a_broker_the_task_runs_at_once_and_reports_its_progress(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    run = make_run(by=world.manager, rows=good_rows(5), columns=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.start_import(by=world.manager, run=run)
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert (run.status, run.created_count, run.started_at is not None) == (ImportRun.Status.DONE, 5, True)
    assert progress.progress_of(run) == progress.Progress("done", 5, 5)
    reported = cache.get(f"interop:legacy-import:{run.pk}")
    assert {key: reported[key] for key in ("phase", "done", "total")} == {"phase": "done", "done": 5, "total": 5}
    assert reported["at"] > 0  # the heartbeat


def test_an_import_cannot_be_started_twice(world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks) -> None:
    run = make_run(by=world.manager, rows=good_rows(2), columns=True)
    with django_capture_on_commit_callbacks(execute=False):
        services.start_import(by=world.manager, run=run)  # queued, not yet run
        with pytest.raises(services.ImportRefused):
            services.start_import(by=world.manager, run=run)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.IMPORTING
    assert progress.progress_of(run).phase == "waiting"


def test_progress_while_importing_comes_from_the_cache_and_the_outcome_from_the_database(world: World) -> None:
    run = make_run(by=world.manager, rows=good_rows(4), columns=True)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING)
    run.refresh_from_db()
    progress.report(run.pk, phase="importing", done=1000, total=4000)
    now = progress.progress_of(run)
    assert (now.label, now.percent, now.finished) == ("Saving the rows", 25, False)
    run.status = ImportRun.Status.FAILED
    assert progress.progress_of(run).phase == "failed"  # what the database says wins once it says it


@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_runs_the_import() -> None:
    """An in-process worker on the in-memory broker: the task crosses a real queue to another
    thread with its own database connection, so only committed data is seen."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_prerun

    from star.celery import app

    manager = UserFactory.create(role=Role.MANAGER)
    run = make_run(by=manager, rows=good_rows(30), columns=True)
    ran_in: list[int] = []

    def note_thread(**kwargs: Any) -> None:
        ran_in.append(threading.get_ident())

    task_prerun.connect(note_thread, weak=False)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            services.start_import(by=manager, run=run)  # outside a transaction: queued at once
            deadline = time.monotonic() + 60
            # Wait on the cache (shared by the threads), not the database, so this thread holds
            # no SQLite lock while the worker writes.
            while time.monotonic() < deadline and not progress.progress_of(ImportRun(pk=run.pk, status="importing")).finished:
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
        task_prerun.disconnect(note_thread)
    assert ran_in and ran_in[0] != threading.get_ident()  # the worker's thread, not this one
    run.refresh_from_db()
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 30)
    assert Person.objects.filter(family_name__startswith="Family").count() == 30
