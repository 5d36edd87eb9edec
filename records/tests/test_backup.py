"""Backup and restore round trip: a restore into an empty database gives identical data."""

from __future__ import annotations

import json
import os
import re
import subprocess  # nosec B404: runs this project's own module in a fresh interpreter
import sys
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
from records.backup import BackupError, backup, read_manifest, restore, table_fingerprints
from records.tests.backup_under_load import backup_while_writing

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent.parent


def some_records() -> None:
    person = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory.create(person=person)
    AlertFactory.create(person=person)
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


def test_a_backup_taken_while_people_save_passes_its_own_restore_check(tmp_path: Path, empty_database: BaseDatabaseWrapper) -> None:
    """The manifest describes the copy, not the live database a moment later (issue 14, item 7)."""
    if connection.vendor == "sqlite":
        # The suite's SQLite database is in memory: run the round trip on a file, in a fresh interpreter.
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("STAR_", "DJANGO_"))}
        environment.update({"DJANGO_SETTINGS_MODULE": "star.settings.test", "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}"})
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "records.tests.backup_under_load", str(tmp_path / "b.sqlite3"), str(tmp_path / "r.sqlite3")],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
        assert outcome["restored"] is True
    else:
        some_records()
        outcome = backup_while_writing(connection, tmp_path / "star.dump")
        outcome["live_rows_after"] = sum(table["rows"] for table in table_fingerprints(connection).values())
        restore(empty_database, tmp_path / "star.dump")  # raises if any table differs from the manifest
    assert outcome["errors"] == []
    assert outcome["writes_during_backup"] > 0, "people were saving while the backup ran"
    assert outcome["live_rows_after"] > outcome["manifest_rows"], "the live database moved on; the manifest did not"


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("{not json", "is damaged (it is not readable JSON)"),
        ("[]", "is damaged (it is not a manifest)"),
        ('{"vendor": "sqlite", "tables": {}}', "is damaged (its 'file_sha256' is missing or wrong)"),
        ('{"vendor": "sqlite", "file_sha256": "x", "tables": {"people_person": {"rows": "many"}}}', "the entry for table 'people_person'"),
    ],
)
def test_a_damaged_manifest_is_a_clear_error_not_a_traceback(tmp_path: Path, damage: str, said: str) -> None:
    result = backup(connection, tmp_path / "star.bak")
    result.manifest.write_text(damage, encoding="utf-8")
    with pytest.raises(BackupError, match=re.escape(said)):
        read_manifest(result.path)
    with pytest.raises(CommandError, match="Use another backup, or take a new one"):
        call_command("restore", str(result.path))


def test_fingerprints_are_read_in_batches_not_whole_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(7):
        some_records()
    whole = table_fingerprints(connection)
    monkeypatch.setattr("records.backup.FETCH_ROWS", 3)
    assert table_fingerprints(connection) == whole
    assert whole["people_person"]["rows"] == 7
