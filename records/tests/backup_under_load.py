"""A backup taken while people save (issue 14, item 7): writer threads keep adding people, caseload
entries and audit events on their own connections for the whole of the backup.

`backup_while_writing` is used in-process by `test_backup.py` on PostgreSQL; on SQLite the suite's
database is in memory, so the test runs this module in a fresh interpreter on a SQLite file:

    DJANGO_SETTINGS_MODULE=star.settings.test DATABASE_URL=sqlite:////tmp/live.sqlite3 \\
        python -m records.tests.backup_under_load /tmp/backup.sqlite3 /tmp/restored.sqlite3
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


def _write_until(stop: threading.Event, counts: list[int], errors: list[str]) -> None:
    from django.db import connections, transaction

    from audit.services import Action, record_event
    from people.tests.factories import CaseloadEntryFactory, PersonFactory

    try:
        while not stop.is_set():
            with transaction.atomic():
                person = PersonFactory.create()
                CaseloadEntryFactory.create(person=person)
                record_event(user=None, action=Action.VIEW, person_id=person.pk)
            counts.append(1)
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        connections.close_all()


def backup_while_writing(connection: BaseDatabaseWrapper, destination: Path, *, writers: int = 2) -> dict[str, Any]:
    """Back up while `writers` threads save; returns what the backup saw and what was written."""
    from records.backup import backup

    stop = threading.Event()
    counts: list[int] = []
    errors: list[str] = []
    threads = [threading.Thread(target=_write_until, args=(stop, counts, errors)) for _ in range(writers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(counts) < 5 and not errors and time.monotonic() < deadline:
        time.sleep(0.05)  # people are saving before the backup starts
    before = len(counts)
    try:
        result = backup(connection, destination)
        during = len(counts) - before
        time.sleep(0.2)  # and go on saving after it
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return {"manifest_rows": result.rows, "writes_during_backup": during, "writes": len(counts), "errors": errors}


def main(destination: Path, restored: Path) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.utils import load_backend

    from people.tests.factories import PersonFactory
    from records.backup import restore, table_fingerprints

    call_command("migrate", verbosity=0)
    for _ in range(300):  # enough that fingerprinting takes a while
        PersonFactory.create()
    outcome = backup_while_writing(connection, destination)
    live_rows = sum(table["rows"] for table in table_fingerprints(connection).values())
    settings_dict: dict[str, Any] = {**connection.settings_dict, "NAME": str(restored)}
    target = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=connection.alias)  # a separate connection object
    try:
        restore(target, destination)  # raises BackupError if any table differs from the manifest
    finally:
        target.close()
    return {**outcome, "restored": True, "live_rows_after": live_rows}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
