"""Backup and restore round trip: a restore into an empty database gives identical data."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend

from audit.services import Action, record_event
from people.tests.factories import AlertFactory, CaseloadEntryFactory, PersonFactory
from records.backup import BackupError, backup, restore, table_fingerprints

pytestmark = pytest.mark.django_db(transaction=True)


def some_records() -> None:
    person = PersonFactory(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory(person=person)
    AlertFactory(person=person)
    record_event(user=None, action=Action.VIEW, person_id=person.pk)


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A second, empty database of the same kind as the one under test."""
    settings_dict: dict[str, Any] = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        created = None
    else:
        created = f"star_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {created}")
        settings_dict["NAME"] = created
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=connection.alias)  # a separate connection object
    yield wrapper
    wrapper.close()
    if created:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {created}")


def test_backup_then_restore_into_an_empty_database_gives_identical_data(tmp_path: Path, empty_database: BaseDatabaseWrapper) -> None:
    some_records()
    suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
    result = backup(connection, tmp_path / f"star.{suffix}")
    assert result.rows > 0 and result.manifest.exists()
    restore(empty_database, result.path)
    assert table_fingerprints(empty_database) == table_fingerprints(connection)


def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    some_records()
    result = backup(connection, tmp_path / "star.bak")
    with pytest.raises(BackupError, match="not empty"):
        restore(connection, result.path)


def test_restore_refuses_a_damaged_backup(tmp_path: Path, empty_database: BaseDatabaseWrapper) -> None:
    result = backup(connection, tmp_path / "star.bak")
    with result.path.open("ab") as handle:
        handle.write(b"damage")
    with pytest.raises(BackupError, match="damaged"):
        restore(empty_database, result.path)


def test_the_commands_report_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    some_records()
    target = tmp_path / "cmd.bak"
    call_command("backup", "--output", str(target))
    assert "Backed up" in capsys.readouterr().out
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "missing.bak"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(target))
    assert connections["default"].vendor in {"sqlite", "postgresql"}
