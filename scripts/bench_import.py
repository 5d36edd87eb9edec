#!/usr/bin/env python
"""How fast the old system's data comes in: a synthetic people file and an attendance file of
--rows rows each (100,000 by default, made the same way every time), imported through the same
service the pages and `manage.py import_legacy` use, into a freshly made database. Prints JSON.

    .venv/bin/python scripts/bench_import.py                       # SQLite, in a temporary file
    .venv/bin/python scripts/bench_import.py --database-url postgres://postgres@127.0.0.1:5432/star_bench

The PostgreSQL database named is dropped and made again, so never name one that matters
(star and test_star are refused)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PROTECTED = {"star", "test_star", "postgres"}


def fresh_database(url: str | None, workdir: Path) -> str:
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if parsed.scheme.startswith("postgres"):
        if name in PROTECTED:
            raise SystemExit(f"Refusing to drop the database {name!r}: name a throw-away one.")
        import psycopg

        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    return url


def people_csv(rows: int) -> bytes:
    from people import nhs_number

    numbers = nhs_number.synthetic_numbers(0)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Client ID", "Forename", "Surname", "DOB", "NHS No", "Post Code"])
    for index in range(rows):
        born = date(1940, 1, 1) + timedelta(days=(index * 37) % 20000)
        writer.writerow([f"C{index:07d}", f"Given{index}", f"Family{index % 5000}", born.strftime("%d/%m/%Y"), next(numbers), "B1 1AA"])
    return buffer.getvalue().encode("utf-8")


def attendance_csv(rows: int, people: int, projects: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Client ID", "Project", "Date", "Time"])
    first = date(2025, 1, 6)
    for index in range(rows):
        day = first + timedelta(days=(index % 300))
        writer.writerow([f"C{index % people:07d}", projects[index % len(projects)], day.strftime("%d/%m/%Y"), "10:00"])
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default="", help="A PostgreSQL database to drop, make again and use (default: SQLite in a temporary file)"
    )
    arguments = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="star-bench-"))
    os.environ["DATABASE_URL"] = fresh_database(arguments.database_url or None, workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.local")
    os.environ["STAR_CELERY_BROKER_URL"] = ""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from accounts.models import User
    from accounts.roles import Role
    from community.models import Activity, Project, Venue
    from interop.legacy.models import ImportKind, ImportMapping
    from interop.management.commands.import_legacy import run_file

    manager = User.objects.create_user(username="bench-manager", password=None, role=Role.MANAGER)
    venue = Venue.objects.create(name="Bench hall", address_1="1 High Street", postcode="B1 1AA")
    projects = ["Walk and talk", "Art room"]
    for name in projects:
        project = Project.objects.create(name=name, description="-", who_it_is_for="-", lead_organisation="-")
        activity = Activity.objects.create(
            project=project, venue=venue, name=f"{name} drop-in", description="-", kind="drop_in", category="social", how_to_join="-"
        )
        activity.schedules.create(weekday=0, opens_at="10:00", closes_at="12:00", valid_from=date(2020, 1, 1))
    ImportMapping.objects.create(
        name="Bench",
        kind=ImportKind.PEOPLE,
        created_by=manager,
        date_format="day_first",
        columns={
            "legacy_id": "Client ID",
            "given_name": "Forename",
            "family_name": "Surname",
            "date_of_birth": "DOB",
            "nhs_number": "NHS No",
            "postcode": "Post Code",
        },
    )
    ImportMapping.objects.create(
        name="Bench",
        kind=ImportKind.ATTENDANCES,
        created_by=manager,
        date_format="day_first",
        columns={"person_legacy_id": "Client ID", "project": "Project", "attended_on": "Date", "start_time": "Time"},
    )
    results = {"database": connection.vendor, "rows": arguments.rows}
    files = {
        ImportKind.PEOPLE: people_csv(arguments.rows),
        ImportKind.ATTENDANCES: attendance_csv(arguments.rows, arguments.rows, projects),
    }
    for kind, content in files.items():
        path = workdir / f"{kind}.csv"
        path.write_bytes(content)
        started, cpu = time.monotonic(), time.process_time()
        run = run_file(kind=kind, path=path, mapping_name="Bench", source="Bench system")
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu
        if run.status != "done":
            raise SystemExit(f"{kind}: nothing imported: {run.problems[:3]}")
        results[kind] = {
            "seconds": round(seconds, 2),
            "rows_per_second": round(arguments.rows / seconds),
            "cpu_seconds": round(cpu, 2),  # this process only; the database server's time is in seconds
            "created": run.created_count,
            "already_there": run.already_there_count,
        }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
