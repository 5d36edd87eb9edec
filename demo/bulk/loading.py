"""Generating every bulk table in foreign-key order, and loading it (PostgreSQL: indexes off during the load, sequences and statistics after)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import IO, Any

from django.conf import settings
from django.db import connection

from casesearch.index import rebuild as rebuild_search_index
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
            indexes = _secondary_indexes(cursor, [*BULK_TABLES, *DERIVED_TABLES])
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        progress.note(f"dropped {len(indexes)} secondary indexes")
    generator = Generator(scale=scale, seed=seed, now=now, writer=writer, progress=progress)
    sizes = generator.run()
    sizes["search_entries"] = index_search(generator.first_ids, progress)
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


# The note search's entries for the bulk rows, as casesearch.sources makes them (`joined` texts,
# `day_of` dates): a contact's note, a referral's four reasons. Only contacts and referrals of
# the bulk tables carry text.
_SEARCH_ENTRIES = [
    """INSERT INTO casesearch_searchentry (kind, object_id, person_id, record_id, written_on, text)
       SELECT 'contact', id::text, person_id, episode_id, contact_date, btrim(what_was_done)
       FROM enablement_contact WHERE id >= %(contact)s AND btrim(what_was_done) <> ''""",
    """INSERT INTO casesearch_searchentry (kind, object_id, person_id, record_id, written_on, text)
       SELECT 'referral', id::text, person_id, id, (received_at AT TIME ZONE %(zone)s)::date, text FROM (
         SELECT id, person_id, received_at, concat_ws(E'\\n\\n', NULLIF(btrim(reason_in_persons_words), ''),
           NULLIF(btrim(reason_in_referrers_words), ''), NULLIF(btrim(risk_notes), ''), NULLIF(btrim(decision_reason), '')) AS text
         FROM referrals_referral WHERE id >= %(referral)s) AS reasons
       WHERE text <> ''""",
]


def index_search(first_ids: dict[str, int], progress: Progress) -> int:
    """Add the bulk contacts and referrals to the note search's index (bulk inserts send no
    signals). PostgreSQL: two INSERT ... SELECTs over the new rows, minutes faster on `large`
    than `casesearch.index.rebuild`'s pass through Python; the index's secondary indexes are
    off during the load with the bulk tables'. SQLite (city-sized): `rebuild` of those kinds."""
    if connection.vendor != "postgresql":
        made = sum(rebuild_search_index(["contact", "referral"]).values())
    else:
        made = 0
        parameters: dict[str, int | str] = {
            "contact": first_ids["enablement_contact"],
            "referral": first_ids["referrals_referral"],
            "zone": settings.TIME_ZONE,
        }
        with connection.cursor() as cursor:
            for statement in _SEARCH_ENTRIES:
                cursor.execute(statement, parameters)
                made += cursor.rowcount
    progress.note(f"search index: {made:,} entries")
    return made


def analyse(stream: IO[str] | None = sys.stderr) -> None:
    """Fresh planner statistics after the load (outside the loading transaction)."""
    if connection.vendor != "postgresql":
        return
    progress = Progress(stream)
    with connection.cursor() as cursor:
        for table in [*BULK_TABLES, *DERIVED_TABLES]:
            cursor.execute(f"ANALYZE {table}")
    progress.note("analysed the bulk tables")
