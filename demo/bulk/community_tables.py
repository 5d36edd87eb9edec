"""Community: venues, projects, activities, schedules, sessions and attendances."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from datetime import time as clock

from django.db import connection

from demo.bulk.base import Base
from demo.bulk.scale import (
    DROP_IN_SIZE,
    GROUP_SIZE,
    MOST_REGULARS,
    OCCASIONAL_POOL,
    QUARTER_WEEKS,
    REGULAR_SHARE,
    REGULAR_TURNS_UP,
    SESSION_SIZES,
    STRIDE,
    TERM_WEEKS,
    poisson,
    regions,
)
from demo.bulk.vocabulary import CATEGORIES, FIRST_NAMES, LAST_NAMES, STREETS, THEMES
from demo.bulk.writing import Row


class CommunityTables(Base):
    """Each area's venues, projects and activities, their weekly sessions, and who came."""

    def venues(self) -> Iterator[Row]:
        for area in range(self.scale.areas):
            rng = self.rng("venues", area)
            for number in range(self.scale.projects_per_area):
                yield (
                    self.writer.uuid(2, area * 1000 + number),
                    f"{rng.choice(LAST_NAMES)} Community Centre",
                    f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
                    "",
                    f"Area {area + 1}",
                    f"B{area % 90 + 1} {rng.randint(1, 9)}AB",
                    f"Area {area + 1}",
                    rng.random() < 0.8,
                    rng.random() < 0.6,
                    rng.random() < 0.4,
                    rng.random() < 0.5,
                    "Buses stop outside.",
                    "",
                )

    def projects(self) -> Iterator[Row]:
        created = self.at(self.start, 9)
        for area in range(self.scale.areas):
            rng = self.rng("projects", area)
            for number in range(self.scale.projects_per_area):
                theme = THEMES[number % len(THEMES)]
                yield (
                    self.writer.uuid(3, area * 1000 + number),
                    f"{theme} (Area {area + 1})",
                    f"{theme}: a place to meet people, try something new and feel better.",
                    "Adults in the area who would like support with their mental health.",
                    "STaR",
                    rng.choice(FIRST_NAMES),
                    f"project{area}x{number}@example.org",
                    "0121 496 0000",
                    True,
                    created,
                    created,
                    self.workers[area][number % self.scale.workers_per_area],
                )

    def activity_plan(self) -> Iterator[tuple[int, int, int, str, str, int, int]]:
        """(area, project, number, kind, category, weekday, hour) for every activity."""
        for area in range(self.scale.areas):
            rng = self.rng("activities", area)
            for project in range(self.scale.projects_per_area):
                for number in range(self.scale.activities_per_project):
                    kind = "drop_in" if number % 2 == 0 else "group"
                    yield area, project, number, kind, rng.choice(CATEGORIES), rng.randrange(5), rng.choice([10, 11, 13, 14, 18])

    def activity_id(self, area: int, project: int, number: int, kind: int = 4) -> str:
        return self.writer.uuid(kind, (area * 1000 + project) * 10 + number)

    def activities(self) -> Iterator[Row]:
        created = self.at(self.start, 9)
        for area, project, number, kind, category, _weekday, _hour in self.activity_plan():
            label = "Drop-in" if kind == "drop_in" else "Group"
            yield (
                self.activity_id(area, project, number),
                f"{THEMES[project % len(THEMES)]} {label.lower()} {number + 1}",
                f"A weekly {label.lower()} run by {THEMES[project % len(THEMES)]}.",
                kind,
                category,
                False,
                None,
                None,
                None if kind == "drop_in" else 15,
                "Just come along." if kind == "drop_in" else "Ask your worker or phone the project to book a place.",
                False,
                True,
                created,
                created,
                self.writer.uuid(3, area * 1000 + project),
                self.writer.uuid(2, area * 1000 + project),
                self.activity_id(area, project, number, kind=5),
            )

    def schedules(self) -> Iterator[Row]:
        for area, project, number, _kind, _category, weekday, hour in self.activity_plan():
            yield (
                self.activity_id(area, project, number, kind=6),
                "weekly",
                weekday,
                None,
                clock(hour),
                clock(hour + 2),
                self.start,
                None,
                self.activity_id(area, project, number),
            )

    def regulars_and_pools(self, area: int, project: int, number: int, kind: str) -> tuple[int, int, int, int, float]:
        """An activity's people (see ATTENDANCE in the module): (regulars, first regular block,
        occasional pool start, pool size, occasionals per session). Fixed per activity and seed."""
        size = self.scale.people_per_area
        regular_region, occasional_region = regions(size)
        mean = self.scale.attendances_per_session * (DROP_IN_SIZE if kind == "drop_in" else GROUP_SIZE)
        most = SESSION_SIZES[kind][1]
        regulars = max(1, min(MOST_REGULARS, most, regular_region, round(mean * REGULAR_SHARE / REGULAR_TURNS_UP)))
        pool = max(1, min(OCCASIONAL_POOL, occasional_region))
        rng = self.rng("regulars", area, project, number)
        return regulars, rng.randrange(regular_region), rng.randrange(occasional_region), pool, mean * (1 - REGULAR_SHARE)

    def attendance_plan(self, past: list[tuple[int, int, datetime, int, int, str, int]]) -> Iterator[Row]:
        """One row per session that ran: (session, area, start, first id, regulars' block start,
        how many regulars, which came (a bit mask), occasional pool start, pool size, first
        occasional, how many occasionals). People's indexes in the area: regular j is
        `block + j`; occasional j is `regular_region + (pool + (first + j * STRIDE) % pool_size)
        % occasional_region`, distinct because STRIDE is a prime larger than any pool. PostgreSQL
        expands this plan in SQL; SQLite in Python (`attendance_rows`): the same people."""
        size = self.scale.people_per_area
        regular_region, occasional_region = regions(size)
        rng = self.rng("attendance")
        first = self.keys.next["community_attendance"]
        activities: dict[tuple[int, int, int], tuple[int, int, int, int, float]] = {}
        for session_id, area, starts, project, number, kind, week in past:
            key = (area, project, number)
            if key not in activities:
                activities[key] = self.regulars_and_pools(area, project, number, kind)
            regulars, block, pool_start, pool, occasional_mean = activities[key]
            # Half the regulars change every term; the occasional pool drifts every quarter.
            term, quarter = week // TERM_WEEKS, week // QUARTER_WEEKS
            block = (block + term * max(1, regulars // 2)) % max(1, regular_region - regulars + 1)
            pool_start = (pool_start + quarter * max(1, pool // 3)) % occasional_region
            came = 0
            for j in range(regulars):
                if rng.random() < REGULAR_TURNS_UP:
                    came |= 1 << j
            # Within the kind's sizes (SESSION_SIZES): occasionals fill a thin session, and stay
            # away from a full one.
            fewest, most = SESSION_SIZES[kind]
            present = came.bit_count()
            occasionals = min(pool, max(fewest - present, min(most - present, poisson(rng, occasional_mean))))
            yield session_id, area, starts, first, block, regulars, came, pool_start, pool, int(rng.random() * pool), occasionals
            first += regulars + occasionals
        self.keys.next["community_attendance"] = first

    def attendance_rows(self, plan: Iterable[Row]) -> Iterator[Row]:
        """The plan expanded in Python (SQLite): the same rows as `expand_attendances_in_sql`."""
        regular_region, occasional_region = regions(self.scale.people_per_area)
        for session_id, area, starts, first, block, regulars, came, pool_start, pool, offset, occasionals in plan:
            people = self.area_people(area)
            marked = starts + timedelta(hours=1)
            for j in range(regulars):
                if came >> j & 1:
                    yield (first + j, marked, None, people[block + j], session_id)
            for j in range(occasionals):
                index = regular_region + (pool_start + (offset + j * STRIDE) % pool) % occasional_region
                yield (first + regulars + j, marked, None, people[index], session_id)

    def sessions_and_attendances(self, past: list[tuple[int, int, datetime, int, int, str, int]]) -> tuple[Iterator[Row], Iterator[Row]]:
        """Weekly sessions from five years ago to four weeks ahead; attendances for the past ones.
        The two tables are written one after the other, so attendances are generated from a list
        of (session id, area, start, project, activity number, kind, week) kept from the first pass."""

        def sessions() -> Iterator[Row]:
            until = self.today + timedelta(days=28)
            for area, project, number, kind, _category, weekday, hour in self.activity_plan():
                rng = self.rng("sessions", area, project, number)
                activity = self.activity_id(area, project, number)
                day = self.start + timedelta(days=(weekday - self.start.weekday()) % 7)
                week = 0
                while day <= until:
                    session_id = self.keys.take("community_session")
                    starts = self.at(day, hour)
                    cancelled = rng.random() < 0.03
                    headcount = rng.randint(0, 4) if kind == "drop_in" and starts < self.now and not cancelled else 0
                    yield (
                        session_id,
                        starts,
                        starts + timedelta(hours=2),
                        starts - timedelta(days=2) if cancelled else None,
                        "The venue was not available" if cancelled else "",
                        headcount,
                        starts + timedelta(hours=2) if headcount else None,
                        activity,
                    )
                    if starts < self.now and not cancelled:
                        past.append((session_id, area, starts, project, number, kind, week))
                    day += timedelta(days=7)
                    week += 1

        def attendances() -> Iterator[Row]:
            return self.attendance_rows(self.attendance_plan(past))

        return sessions(), attendances()

    def expand_attendances_in_sql(self, past: list[tuple[int, int, datetime, int, int, str, int]]) -> None:
        """Twenty million rows are cheaper made by PostgreSQL from the 3 million session plans
        than formatted in Python: the plan goes in by COPY, two INSERT ... SELECTs expand it
        (regulars from the bit mask, then occasionals), as `attendance_rows` does in Python."""
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bulk_attendance_plan (session_id bigint, area int, starts timestamptz, first_id bigint,"
                " block int, regulars int, came bigint, pool_start int, pool int, start_at int, occasionals int) ON COMMIT DROP"
            )
        self.write(
            "bulk_attendance_plan",
            "session plans",
            ["session_id", "area", "starts", "first_id", "block", "regulars", "came", "pool_start", "pool", "start_at", "occasionals"],
            self.attendance_plan(past),
            len(past),
        )
        prefix = self.writer.uuid(1, 0)[:24]  # everything but the 12 hex digits of the index
        regular_region, occasional_region = regions(self.scale.people_per_area)
        person = "(%(prefix)s || lpad(to_hex(p.area::bigint * %(size)s + {index}), 12, '0'))::uuid"
        made = 0
        with connection.cursor() as cursor:
            for index, series, where, offset in (
                ("p.block + j", "generate_series(0, p.regulars - 1)", "WHERE (p.came >> j) & 1 = 1", "0"),
                (
                    "%(regions)s + (p.pool_start + (p.start_at + j * %(stride)s) %% p.pool) %% %(occasional)s",
                    "generate_series(0, p.occasionals - 1)",
                    "",
                    "p.regulars",
                ),
            ):
                cursor.execute(
                    f"""INSERT INTO community_attendance (id, marked_at, marked_by_id, person_id, session_id)
                       SELECT p.first_id + {offset} + j, p.starts + interval '1 hour', NULL, {person.format(index=index)}, p.session_id
                       FROM bulk_attendance_plan p CROSS JOIN LATERAL {series} AS j {where}""",  # noqa: S608 (fixed text)  # nosec B608: fixed SQL, values as parameters
                    {
                        "prefix": prefix,
                        "size": self.scale.people_per_area,
                        "stride": STRIDE,
                        "regions": regular_region,
                        "occasional": occasional_region,
                    },
                )
                made += cursor.rowcount
            self.progress.note(f"attendances: {made:,} rows made in the database")
