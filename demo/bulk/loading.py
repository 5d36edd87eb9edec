"""Generating every bulk table in foreign-key order, and loading it (PostgreSQL: indexes off during the load, sequences and statistics after)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import IO, Any

from django.db import connection

from demo.bulk.care_tables import CareTables
from demo.bulk.columns import (
    ACTIVITY_COLUMNS,
    CASELOAD_COLUMNS,
    CONTACT_COLUMNS,
    EPISODE_COLUMNS,
    MEASUREMENT_COLUMNS,
    PERSON_COLUMNS,
    PROJECT_COLUMNS,
    REFERRAL_COLUMNS,
    SCHEDULE_COLUMNS,
    SESSION_COLUMNS,
    VENUE_COLUMNS,
)
from demo.bulk.community_tables import CommunityTables
from demo.bulk.people_tables import PeopleTables
from demo.bulk.scale import Scale
from demo.bulk.writing import BULK_TABLES, DERIVED_TABLES, UUID_KEYED, PostgresWriter, Progress, SqliteWriter, Writer


class Generator(PeopleTables, CommunityTables, CareTables):
    """Generates every bulk table for one seed and scale. Each table's rows come from generators
    that only read what earlier tables recorded in memory (ids, dates), never the database."""

    def run(self) -> dict[str, int]:
        """Write every bulk table, in foreign-key order. Returns the expected sizes written."""
        s = self.scale
        activities = s.areas * s.projects_per_area * s.activities_per_project
        weeks = (s.years * 365 + 28) // 7
        self.write(
            "accounts_user",
            "workers",
            [
                "id",
                "password",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_superuser",
                "is_staff",
                "is_active",
                "date_joined",
                "role",
                "is_demo_account",
            ],
            self.users(),
            s.areas * s.workers_per_area,
        )
        self.write("people_person", "people", PERSON_COLUMNS, self.people(), s.people)
        self.write("community_venue", "venues", VENUE_COLUMNS, self.venues(), s.areas * s.projects_per_area)
        self.write("community_project", "projects", PROJECT_COLUMNS, self.projects(), s.areas * s.projects_per_area)
        self.write("community_activity", "activities", ACTIVITY_COLUMNS, self.activities(), activities)
        self.write("community_schedule", "schedules", SCHEDULE_COLUMNS, self.schedules(), activities)
        past: list[tuple[int, int, datetime, int, int, str, int]] = []
        sessions, attendances = self.sessions_and_attendances(past)
        self.write("community_session", "sessions", SESSION_COLUMNS, sessions, activities * weeks)
        expected_attendances = int(activities * weeks * 0.97 * s.attendances_per_session)
        if isinstance(self.writer, PostgresWriter):
            self.expand_attendances_in_sql(past)
        else:
            self.write(
                "community_attendance",
                "attendances",
                ["id", "marked_at", "marked_by_id", "person_id", "session_id"],
                attendances,
                expected_attendances,
            )
        self.write("referrals_referral", "referrals", REFERRAL_COLUMNS, self.referrals(), int(s.people * s.referral_rate))
        self.write("enablement_episode", "episodes", EPISODE_COLUMNS, self.episode_rows(), len(self.episodes))
        self.write("people_caseloadentry", "caseloads", CASELOAD_COLUMNS, self.caseload_rows(), s.areas * 200)
        self.write("enablement_contact", "contacts", CONTACT_COLUMNS, self.contact_rows(), len(self.episodes) * 10)
        self.write("outcomes_measurement", "measurements", MEASUREMENT_COLUMNS, self.measurement_rows(), len(self.episodes) * 4)
        return {"people": s.people, "episodes": len(self.episodes)}


def _secondary_indexes(cursor: Any, tables: Sequence[str]) -> list[tuple[str, str]]:
    """Indexes that back no constraint (so can be dropped and rebuilt): (name, CREATE statement)."""
    cursor.execute(
        """SELECT c.relname, pg_get_indexdef(i.indexrelid)
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
           WHERE t.relname = ANY(%s) AND NOT i.indisprimary
             AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""",
        [list(tables)],
    )
    return list(cursor.fetchall())


def load(*, scale: Scale, seed: int, now: datetime, stream: IO[str] | None = sys.stderr) -> dict[str, int]:
    """Generate and write the bulk rows inside the caller's transaction."""
    progress = Progress(stream)
    postgres = connection.vendor == "postgresql"
    writer: Writer = PostgresWriter(seed) if postgres else SqliteWriter(seed)
    indexes: list[tuple[str, str]] = []
    if postgres:
        with connection.cursor() as cursor:
            # Keys are generated consistently, so the per-row foreign-key triggers are skipped;
            # the indexes are rebuilt once at the end instead of updated 30 million times.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks still pending from earlier writes run now
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            indexes = _secondary_indexes(cursor, BULK_TABLES)
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        progress.note(f"dropped {len(indexes)} secondary indexes")
    generator = Generator(scale=scale, seed=seed, now=now, writer=writer, progress=progress)
    sizes = generator.run()
    if postgres:
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)
            progress.note(f"rebuilt {len(indexes)} indexes")
            for table in BULK_TABLES:
                if table in UUID_KEYED:
                    continue
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608  # nosec B608: table and column names from the models or fixed lists, values as parameters
            cursor.execute("SET LOCAL session_replication_role = origin")
    return sizes


def analyse(stream: IO[str] | None = sys.stderr) -> None:
    """Fresh planner statistics after the load (outside the loading transaction)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in [*BULK_TABLES, *DERIVED_TABLES]:
            cursor.execute(f"ANALYZE {table}")
    Progress(stream).note("analysed the bulk tables")
