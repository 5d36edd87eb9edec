"""The embedded default (SQLite) under ordinary concurrency (issue 14, item 8): WAL, immediate
transactions and a busy timeout, so 20 simultaneous saves all succeed; "database is locked" is never
answered with the "We can't reach our records" page, and a request that meets it is tried once more."""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404: runs this project's own module in a fresh interpreter
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from conftest import World, sign_in

ROOT = Path(__file__).resolve().parent.parent.parent


def test_sqlite_is_set_up_for_concurrent_saves() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"] and "synchronous=NORMAL" in options["init_command"]


def test_twenty_simultaneous_saves_on_a_sqlite_file_all_succeed(tmp_path: Path) -> None:
    """Twenty signed-in workers send a contact at the same moment, each through the whole
    middleware stack on its own connection to a SQLite file (whatever database the suite runs on)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STAR_", "DJANGO_"))}
    environment.update({"DJANGO_SETTINGS_MODULE": "star.settings.test", "DATABASE_URL": f"sqlite:///{tmp_path / 'star.sqlite3'}"})
    result = subprocess.run(
        [sys.executable, "-m", "star.tests.concurrent_saves", "20"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["journal_mode"] == "wal"
    assert outcome["errors"] == []
    assert outcome["statuses"] == {"302": 20}, result.stderr[-3000:]
    assert outcome["contacts"] == 20
    assert "database is locked" not in result.stderr


def _locked(times: int) -> Callable[..., Any]:
    left = [times]

    def fail(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if 'INSERT INTO "enablement_contact"' in sql and left[0] > 0:
            left[0] -= 1
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    return fail


@pytest.mark.django_db
def test_a_save_that_meets_a_locked_database_is_tried_once_more_and_saved(world: World, caplog: pytest.LogCaptureFixture) -> None:
    from enablement.models import Contact
    from enablement.tests.factories import EpisodeFactory
    from enablement.tests.test_contacts import contact_answers

    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    client = sign_in(Client(raise_request_exception=False), world.worker)
    with connection.execute_wrapper(_locked(1)):
        response = client.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers())
    assert response.status_code == 302
    assert Contact.objects.count() == 1
    assert any("trying the request once more" in r.getMessage() for r in caplog.records if r.name == "star.database")


@pytest.mark.django_db
def test_a_database_that_stays_locked_is_not_called_unreachable(world: World) -> None:
    from enablement.models import Contact
    from enablement.tests.factories import EpisodeFactory
    from enablement.tests.test_contacts import contact_answers

    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    client = sign_in(Client(raise_request_exception=False), world.worker)
    with connection.execute_wrapper(_locked(5)):
        response = client.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers())
    assert response.status_code == 500
    assert "We can’t reach our records" not in response.content.decode()
    assert not Contact.objects.exists()


def test_locked_is_not_an_outage_but_a_refused_connection_is() -> None:
    from core.views import database_failure_behind

    assert database_failure_behind(OperationalError("database is locked")) is None
    assert database_failure_behind(OperationalError("database table is locked")) is None
    refused = OperationalError("connection refused")
    assert database_failure_behind(refused) is refused


def _session_locked(times: int) -> Callable[..., Any]:
    left = [times]

    def fail(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.startswith('UPDATE "django_session"') and left[0] > 0:
            left[0] -= 1
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    return fail


@pytest.mark.django_db
def test_a_session_save_that_meets_a_locked_database_is_tried_again(world: World) -> None:
    """The session is saved after the view, outside the retry above: a lock there was a 400
    (SessionInterrupted) for a contact that had been saved, and the 400 page then failed on CSP."""
    from enablement.models import Contact
    from enablement.tests.factories import EpisodeFactory
    from enablement.tests.test_contacts import contact_answers

    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    client = sign_in(Client(raise_request_exception=False), world.worker)
    with connection.execute_wrapper(_session_locked(2)):
        response = client.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers())
    assert response.status_code == 302
    assert Contact.objects.count() == 1


@pytest.mark.django_db
def test_a_session_deleted_meanwhile_is_still_refused(world: World) -> None:
    from django.contrib.sessions.backends.base import UpdateError

    from core.session_store import SessionStore

    store = SessionStore()
    store["x"] = 1
    store.create()
    SessionStore(store.session_key).delete()
    store["x"] = 2
    with pytest.raises(UpdateError):
        store.save()
