"""The `city` and `large` data sets: bulk rows on top of the small demo, streamed into the database.

The small demo (staff sign-ins, its projects, venues and people) stays the base. This module adds
"areas": each area is a town's worth of people with its own workers, projects, venues, activities
and weekly sessions, and five years of referrals, episodes, contacts, measurements and
attendances. `city` is one area; `large` is 200 (a national shared instance).

Rows are generated in Python from `random.Random` instances seeded per area and per table, so the
same seed gives the same data (dates are relative to the day of seeding), and written with
PostgreSQL's COPY (about a million rows every few seconds) or, on SQLite, `executemany` (only
city-sized sets). On PostgreSQL the load runs in one transaction with foreign-key triggers off
(`session_replication_role = replica`: every key is generated from rows written earlier) and the
secondary indexes of the bulk tables dropped, then rebuilt and analysed. See docs/performance.md.

Realism rules the pages rely on: each area has 8 workers, so a worker's open caseload stays
around 20 people; a person has at most one open episode; only past, not cancelled sessions have
attendances; demo sign-ins (worker, worker2, ...) keep their small demo caseloads.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import IO, Any, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from faker.providers.person.en_GB import Provider as Names

from people import nhs_number

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Scale:
    areas: int
    people_per_area: int = 5000
    workers_per_area: int = 8
    projects_per_area: int = 18
    activities_per_project: int = 3
    attendances_per_session: float = 10.6
    referral_rate: float = 0.7  # people referred at least once in five years
    years: int = 5

    def scaled(self, factor: float) -> Scale:
        """A smaller copy for tests: fewer people and projects, same rules."""
        return replace(
            self,
            people_per_area=max(20, int(self.people_per_area * factor)),
            projects_per_area=max(2, int(self.projects_per_area * factor)),
            attendances_per_session=max(2.0, self.attendances_per_session * factor),
        )

    @property
    def people(self) -> int:
        return self.areas * self.people_per_area


# city: ~5,000 people, 18 projects, ~150,000 attendances, ~25,000 contacts, ~10,000 measurements.
# large: ~1,000,000 people, ~20,000,000 attendances, ~5,000,000 contacts, ~2,000,000 measurements.
SCALES = {"city": Scale(areas=1), "large": Scale(areas=200, attendances_per_session=7.0)}
# Attendance (docs/performance.md, "Attendance"): each activity has a few regulars who come most
# weeks and a drifting pool of occasionals who come now and then. An area's people are split by
# index: the first 15% may become someone's regulars, the next 45% are the occasionals' region and
# the last 40% never attend an activity (they have referrals, contacts and so on like everyone).
DROP_IN_SIZE = 1.15  # times the scale's mean (two activities in three are drop-ins): bigger
GROUP_SIZE = 0.7  # groups are smaller (and have a capacity of 15)
REGULAR_SHARE = 0.8  # of a session's attendances, from its regulars
REGULAR_TURNS_UP = 0.8  # a regular comes four weeks in five
MOST_REGULARS = 16  # fits the plan's bit mask of who came
OCCASIONAL_POOL = 30  # people who drop in now and then at one activity at a time
TERM_WEEKS = 26  # half of an activity's regulars change every six months
QUARTER_WEEKS = 13  # the occasional pool drifts by a third every quarter


def regions(size: int) -> tuple[int, int]:
    """(regulars' region, occasionals' region) of an area's people, by index; the rest never attend."""
    return max(1, size * 15 // 100), max(1, size * 45 // 100)


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means of occasional attenders."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


UUID_KEYED = {"people_person", "community_venue", "community_project", "community_activity", "community_schedule"}
# Filled from the bulk tables after the load (the note search's index): analysed with them.
DERIVED_TABLES = ["casesearch_searchentry"]
BULK_TABLES = [
    "accounts_user",
    "people_person",
    "people_caseloadentry",
    "community_venue",
    "community_project",
    "community_activity",
    "community_schedule",
    "community_session",
    "community_attendance",
    "referrals_referral",
    "enablement_episode",
    "enablement_contact",
    "outcomes_measurement",
]

FIRST_NAMES = sorted(set(Names.first_names_female) | set(Names.first_names_male))
LAST_NAMES = sorted(set(Names.last_names))
LANGUAGES = ["English"] * 8 + ["Urdu", "Punjabi", "Bengali", "Polish", "Somali", "Arabic", "Romanian"]
STREETS = ["High Street", "Church Road", "Station Road", "Park Avenue", "Victoria Road", "Green Lane", "Mill Lane"]
THEMES = [
    "Wellbeing Hub",
    "Peer Support Network",
    "Creative Minds",
    "Walk and Talk",
    "Recovery College",
    "Community Kitchen",
    "Hearing Voices Group",
    "Men's Shed",
    "Women's Circle",
    "Allotment Project",
    "Music Makers",
    "Coffee and Chat",
    "Skills Café",
    "Carers' Space",
    "Youth Wellbeing",
    "Over 50s Friendship",
    "Sanctuary Evenings",
    "Move More",
]
CATEGORIES = ["peer_support", "social", "creative", "walking", "wrap", "skills", "wellbeing"]
CONTACT_MODES = ["face_to_face"] * 5 + ["phone"] * 3 + ["video", "community_outing", "text"]
CONTACT_OUTCOMES = ["attended"] * 85 + ["did_not_attend"] * 8 + ["cancelled_by_person"] * 5 + ["cancelled_by_service"] * 2
CLOCKS = [clock(hour) for hour in range(24)]
MINUTES = [30, 45, 60, 90]
CONTACT_WORK = [
    "Talked through the week and planned the next step",
    "Went to the library together to use the computers",
    "Practised the bus route into town",
    "Helped write the housing appeal and a benefits form",
    "Went to the food bank, then a drop-in together",
]
REASONS = [
    "I feel lonely and want to get out more",
    "Low mood since losing my job",
    "Would like help to get back into a routine",
    "Anxious about going out on my own",
]
SOURCES = ["gp"] * 3 + ["cmht"] * 2 + ["social_worker", "self", "self", "family", "other_service"]
DECISIONS = ["enablement"] * 14 + ["signpost"] * 3 + ["elsewhere"] * 2 + ["decline"]
DECISION_STATUS = {"signpost": "signposted", "elsewhere": "elsewhere", "decline": "declined"}
# (code, items, typical answer at the start, at the end): PHQ-9 and GAD-7 answers are 0..3.
MEASURES = [("PHQ9", 9), ("GAD7", 7)]
MEASURE_EVERY = {"PHQ9": 1.0, "GAD7": 0.9}


STRIDE = 7919  # a prime: coprime with every area size that is not a multiple of it


class Progress:
    """Plain stderr progress, one line per table, rewritten at most twice a second."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.started = time.monotonic()

    def track(self, label: str, rows: Iterable[Row], expected: int) -> Iterator[Row]:
        last = 0.0
        count = 0
        for count, row in enumerate(rows, start=1):
            if self.stream is not None and count % 20000 == 0 and (now := time.monotonic()) - last > 0.5:
                last = now
                share = min(99, 100 * count // max(expected, 1))
                self.stream.write(f"\r  {label:<14} {count:>12,} rows  {share:>3}%  {now - self.started:6.0f}s")
                self.stream.flush()
            yield row
        if self.stream is not None:
            self.stream.write(f"\r  {label:<14} {count:>12,} rows  done  {time.monotonic() - self.started:6.0f}s\n")
            self.stream.flush()

    def note(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(f"  {text} ({time.monotonic() - self.started:.0f}s)\n")
            self.stream.flush()


class Writer(Protocol):
    def uuid(self, kind: int, index: int) -> str: ...
    def write(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None: ...


class PostgresWriter:
    def __init__(self, seed: int) -> None:
        self.prefix = f"{seed & 0xFFFFFFFF:08x}"

    def uuid(self, kind: int, index: int) -> str:
        return f"{self.prefix}-{kind:04x}-4000-8000-{index:012x}"

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
        """COPY in text format, formatted here: several times faster than psycopg's write_row for
        aware datetimes. Generated text never holds tabs, newlines or backslashes."""
        raw = connection.connection
        assert raw is not None
        text = _TEXT.get
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            lines: list[str] = []
            for row in rows:
                lines.append("\t".join([(text(type(value)) or str)(value) for value in row]))
                if len(lines) >= 20000:
                    lines.append("")
                    copy.write("\n".join(lines))
                    lines = []
            if lines:
                lines.append("")
                copy.write("\n".join(lines))


_TEXT: dict[type, Callable[[Any], str]] = {
    str: str,
    int: str,
    bool: lambda value: "t" if value else "f",
    type(None): lambda _value: "\\N",
    datetime: datetime.isoformat,
    date: date.isoformat,
    clock: clock.isoformat,
}


class SqliteWriter:
    """City-sized sets on SQLite (and the tests): Django's storage formats, written by executemany."""

    def __init__(self, seed: int) -> None:
        self.prefix = f"{seed & 0xFFFFFFFF:08x}"

    def uuid(self, kind: int, index: int) -> str:
        return f"{self.prefix}{kind:04x}40008000{index:012x}"  # Django keeps UUIDs as 32 hex digits on SQLite

    @staticmethod
    def _value(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(ZoneInfo("UTC")).replace(tzinfo=None).isoformat(" ")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, clock):
            return value.isoformat()
        return value

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608 (fixed names)  # nosec B608: table and column names from the models or fixed lists, values as parameters
        raw = connection.connection
        assert raw is not None
        batch: list[Row] = []
        for row in rows:
            batch.append(tuple(self._value(v) for v in row))
            if len(batch) >= 5000:
                raw.executemany(statement, batch)
                batch = []
        if batch:
            raw.executemany(statement, batch)


@dataclass
class Keys:
    """Next free bigint id per table: rows carry explicit ids so later tables can refer to them."""

    next: dict[str, int]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


def _next_ids(tables: Iterable[str]) -> Keys:
    with connection.cursor() as cursor:
        result = {}
        for table in tables:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (fixed table names)  # nosec B608: table and column names from the models or fixed lists, values as parameters
            result[table] = cursor.fetchone()[0]
    return Keys(result)


class Generator:
    """Generates every bulk table for one seed and scale. Each table's rows come from generators
    that only read what earlier tables recorded in memory (ids, dates), never the database."""

    def __init__(self, *, scale: Scale, seed: int, now: datetime, writer: Writer, progress: Progress) -> None:
        self.scale = scale
        self.seed = seed
        self.writer = writer
        self.progress = progress
        self.zone = ZoneInfo(settings.TIME_ZONE)
        # The real moment of loading, never a fixed clock time joined to today: a session later
        # today has not happened yet, so it must get no attendance, whatever the hour of the run.
        self.now = now.astimezone(self.zone)
        self.today = self.now.date()
        self.start = self.today - timedelta(days=365 * scale.years)
        self.keys = _next_ids(["accounts_user", "people_caseloadentry", "community_session", "community_attendance", *BULK_TABLES[8:]])
        with connection.cursor() as cursor:
            cursor.execute("SELECT code, id FROM outcomes_instrument WHERE code IN ('PHQ9', 'GAD7')")
            self.instruments = dict(cursor.fetchall())
            cursor.execute("SELECT code, bands FROM outcomes_instrument WHERE code IN ('PHQ9', 'GAD7')")
            self.bands = {code: json.loads(bands) if isinstance(bands, str) else bands for code, bands in cursor.fetchall()}
        self.workers: list[list[int]] = []
        self._people_of: tuple[int, list[str]] = (-1, [])
        # Per area: (person index, referral id, received) -> episodes with their dates, for contacts.
        self.episodes: list[tuple[int, int, int, int, date, date | None]] = []

    def rng(self, *parts: object) -> random.Random:
        return random.Random(f"{self.seed}:" + ":".join(map(str, parts)))  # noqa: S311 (synthetic data)  # nosec B311: synthetic data or load-test choices, not security

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, clock(hour, minute), tzinfo=self.zone)

    def happened(self, day: date, hour: int, minute: int = 0) -> datetime:
        """The moment something that has already happened was recorded: never after now, so a
        row dated today is right at 00:30 as at 23:59."""
        return min(self.at(day, hour, minute), self.now)

    def person_id(self, area: int, index: int) -> str:
        return self.area_people(area)[index]

    def area_people(self, area: int) -> list[str]:
        """The area's person ids, formatted once (attendances and contacts refer to them millions of times)."""
        if self._people_of[0] != area:
            base = area * self.scale.people_per_area
            self._people_of = (area, [self.writer.uuid(1, base + index) for index in range(self.scale.people_per_area)])
        return self._people_of[1]

    def write(self, table: str, label: str, columns: Sequence[str], rows: Iterable[Row], expected: int) -> None:
        self.writer.write(table, columns, self.progress.track(label, rows, expected))

    # --- accounts and people -------------------------------------------------------------------

    def users(self) -> Iterator[Row]:
        joined = self.at(self.start, 9)
        for area in range(self.scale.areas):
            rng = self.rng("users", area)
            ids = []
            for number in range(self.scale.workers_per_area):
                user_id = self.keys.take("accounts_user")
                ids.append(user_id)
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                username = f"area{area:03d}-worker{number}-s{self.seed}"
                yield (
                    user_id,
                    "!bulk-seed",
                    username,
                    first,
                    last,
                    f"{username}@example.org",
                    False,
                    False,
                    True,
                    joined,
                    "str_worker",
                    False,
                )
            self.workers.append(ids)

    def people(self) -> Iterator[Row]:
        numbers = self._nhs_numbers()
        days = (self.today - self.start).days
        for area in range(self.scale.areas):
            rng = self.rng("people", area)
            district = f"B{area % 90 + 1}"
            creator = self.workers[area][0]
            for index in range(self.scale.people_per_area):
                given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                language = rng.choice(LANGUAGES)
                has_number = rng.random() < 0.8
                no_home = rng.random() < 0.05
                created = self.at(self.start + timedelta(days=rng.randrange(days)), 10)
                yield (
                    self.person_id(area, index),
                    given,
                    family,
                    given[:3] if rng.random() < 0.1 else "",
                    rng.choice(["", "she/her", "he/him", "they/them"]),
                    self.today - timedelta(days=rng.randint(18 * 365, 85 * 365)),
                    f"07700 9{rng.randrange(100000):05d}",
                    f"{given.lower()}.{family.lower()}{area}x{index}@example.org" if rng.random() < 0.5 else "",
                    rng.choice(["phone", "email", "text", "letter"]),
                    "" if no_home else f"{rng.randint(1, 300)} {rng.choice(STREETS)}",
                    "",
                    "" if no_home else f"Area {area + 1}",
                    ""
                    if no_home
                    else f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                    no_home,
                    next(numbers) if has_number else "",
                    "02" if has_number else "07",
                    f"{rng.choice(LAST_NAMES)} Medical Practice",
                    "",
                    language,
                    language != "English" and rng.random() < 0.5,
                    "",
                    f"{rng.choice(FIRST_NAMES)} {family}" if rng.random() < 0.7 else "",
                    rng.choice(["Sister", "Brother", "Friend", "Partner", "Parent"]),
                    f"07700 9{rng.randrange(100000):05d}",
                    created,
                    created,
                    creator,
                )

    def _nhs_numbers(self) -> Iterator[str]:
        prefix = 999_010_000  # above the small demo's synthetic numbers (999 000 0000 onwards)
        while True:
            digits = f"{prefix:09d}"
            prefix += 1
            check = nhs_number.check_digit(digits)
            if check is not None:
                yield f"{digits}{check}"

    # --- community: venues, projects, activities, schedules, sessions, attendances -------------

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
        regulars = max(1, min(MOST_REGULARS, regular_region, round(mean * REGULAR_SHARE / REGULAR_TURNS_UP)))
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
            occasionals = min(pool, _poisson(rng, occasional_mean))
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

    # --- referrals, episodes, caseloads, contacts, measurements ------------------------------

    def referrals(self) -> Iterator[Row]:
        """One referral for most people over five years; triage and allocation follow it."""
        days = (self.today - self.start).days
        for area in range(self.scale.areas):
            rng = self.rng("referrals", area)
            workers = self.workers[area]
            for index in range(self.scale.people_per_area):
                if rng.random() >= self.scale.referral_rate:
                    continue
                referral_id = self.keys.take("referrals_referral")
                received = self.at(self.start + timedelta(days=rng.randrange(days)), rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
                source = rng.choice(SOURCES)
                urgency = rng.choice(["routine"] * 6 + ["soon", "soon", "urgent"])
                fresh = received > self.now - timedelta(days=10)
                status, decision, complexity, triaged, allocated, worker = "awaiting_triage", "", None, None, None, None
                if not (fresh and rng.random() < 0.6):
                    decision = rng.choice(DECISIONS)
                    complexity = rng.randint(1, 4)
                    triaged = min(received + timedelta(days=rng.randint(0, 5), hours=1), self.now - timedelta(minutes=5))
                    status = DECISION_STATUS.get(decision, "waiting")
                    if decision == "enablement":
                        allocated = triaged + timedelta(days=rng.randint(0, 28))
                        if allocated < self.now:
                            status, worker = "allocated", workers[rng.randrange(len(workers))]
                            started = allocated.astimezone(self.zone).date()
                            weeks = rng.randint(8, 30)
                            ended = started + timedelta(weeks=weeks)
                            self.episodes.append((area, index, referral_id, worker, started, ended if ended <= self.today else None))
                        else:
                            allocated = None
                by_self = source == "self"
                yield (
                    referral_id,
                    source,
                    "" if by_self else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    "" if by_self else "Support worker",
                    "" if by_self else "Local health and care",
                    "" if by_self else "0121 496 0001",
                    rng.choice(REASONS),
                    "" if by_self else "Would benefit from community support.",
                    True,
                    False,
                    "",
                    urgency,
                    received,
                    status,
                    complexity,
                    False if triaged else None,
                    False if triaged else None,
                    False if triaged else None,
                    False if triaged else None,
                    "",
                    decision,
                    "",
                    "",
                    triaged,
                    allocated,
                    None,
                    "",
                    worker,
                    None,
                    self.person_id(area, index),
                    workers[0] if triaged else None,
                    None,
                    None,
                    "",
                )

    def episode_rows(self) -> Iterator[Row]:
        for number, (area, index, referral_id, worker, started, ended) in enumerate(self.episodes):
            episode_id = self.keys.next["enablement_episode"] + number
            planned_end = started + timedelta(weeks=16)
            review = None
            if ended is None:
                review = started + timedelta(weeks=6)
                while review < self.today:
                    review += timedelta(weeks=6)
            yield (
                episode_id,
                "ended" if ended else "open",
                started,
                16,
                max(planned_end, started),
                6,
                review,
                ended,
                self.happened(started, 9),
                worker,
                self.person_id(area, index),
                referral_id,
                worker,
            )

    def caseload_rows(self) -> Iterator[Row]:
        for area, index, _referral, worker, started, ended in self.episodes:
            if ended is None:
                yield (
                    self.keys.take("people_caseloadentry"),
                    "allocation",
                    self.happened(started, 9),
                    None,
                    None,
                    None,
                    worker,
                    self.person_id(area, index),
                )

    def contact_rows(self) -> Iterator[Row]:
        """About ten contacts an episode, every 7 to 19 days. Five million rows: `rng.random()`
        only (randint and choices cost several times more), ids counted locally."""
        first_episode = self.keys.next["enablement_episode"]
        next_id = self.keys.next["enablement_contact"]
        rng = self.rng("contacts")
        random = rng.random
        yesterday = self.today - timedelta(days=1)
        for number, (area, index, _referral, worker, started, ended) in enumerate(self.episodes):
            person = self.person_id(area, index)
            episode = first_episode + number
            last = min(ended or yesterday, yesterday)  # today's contacts may not have happened yet
            day = started + timedelta(days=int(random() * 7))
            while day <= last:
                outcome = CONTACT_OUTCOMES[int(random() * len(CONTACT_OUTCOMES))]
                attended = outcome == "attended"
                hour = 9 + int(random() * 8)
                yield (
                    next_id,
                    day,
                    CLOCKS[hour],
                    MINUTES[int(random() * 4)] if attended else 0,
                    CONTACT_MODES[int(random() * len(CONTACT_MODES))],
                    "",
                    "Just us",
                    CONTACT_WORK[int(random() * len(CONTACT_WORK))] if attended else "",
                    outcome,
                    datetime.combine(day, CLOCKS[hour + 2], tzinfo=self.zone),
                    person,
                    worker,
                    worker,
                    episode,
                )
                next_id += 1
                day += timedelta(days=7 + int(random() * 13))
        self.keys.next["enablement_contact"] = next_id

    def _band(self, code: str, score: int) -> str:
        return next((band["label"] for band in self.bands[code] if band["min"] <= score <= band["max"]), "")

    def measurement_rows(self) -> Iterator[Row]:
        for number, (area, index, _referral, worker, started, ended) in enumerate(self.episodes):
            rng = self.rng("measures", number)  # not the database's ids, which differ between runs
            weights = {True: (1, 3, 4, 2), False: (3, 4, 2, 1)}  # worse at the start than at the end
            person = self.person_id(area, index)
            for code, items in MEASURES:
                if rng.random() >= MEASURE_EVERY[code]:
                    continue
                for first, day in ((True, started), (False, ended)):
                    if day is None:
                        continue
                    answers = rng.choices((0, 1, 2, 3), weights[first], k=items)
                    score = sum(answers)
                    when = self.happened(day, 11)
                    yield (
                        self.keys.take("outcomes_measurement"),
                        "complete",
                        "with_worker",
                        day,
                        "{" + ", ".join(f'"{item}": {value}' for item, value in enumerate(answers, start=1)) + "}",
                        "{}",
                        score,
                        score,
                        self._band(code, score),
                        when,
                        when,
                        worker,
                        worker,
                        self.instruments[code],
                        person,
                        None,
                    )

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


PERSON_COLUMNS = [
    "id",
    "given_name",
    "family_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "phone",
    "email",
    "preferred_contact_method",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "no_fixed_abode",
    "nhs_number",
    "nhs_number_status",
    "gp_practice_name",
    "gp_practice_code",
    "first_language",
    "interpreter_needed",
    "communication_needs",
    "emergency_contact_name",
    "emergency_contact_relationship",
    "emergency_contact_phone",
    "created_at",
    "updated_at",
    "created_by_id",
]
VENUE_COLUMNS = [
    "id",
    "name",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "area",
    "step_free_access",
    "accessible_toilet",
    "hearing_loop",
    "quiet_room",
    "public_transport",
    "directions",
]
PROJECT_COLUMNS = [
    "id",
    "name",
    "description",
    "who_it_is_for",
    "lead_organisation",
    "contact_name",
    "contact_email",
    "contact_phone",
    "is_active",
    "created_at",
    "updated_at",
    "supporting_worker_id",
]
ACTIVITY_COLUMNS = [
    "id",
    "name",
    "description",
    "kind",
    "category",
    "is_course",
    "starts_on",
    "ends_on",
    "capacity",
    "how_to_join",
    "closed_on_bank_holidays",
    "is_active",
    "created_at",
    "updated_at",
    "project_id",
    "venue_id",
    "service_at_location_id",
]
SCHEDULE_COLUMNS = ["id", "frequency", "weekday", "week_of_month", "opens_at", "closes_at", "valid_from", "valid_to", "activity_id"]
SESSION_COLUMNS = ["id", "starts_at", "ends_at", "cancelled_at", "cancellation_reason", "headcount", "headcount_updated_at", "activity_id"]
REFERRAL_COLUMNS = [
    "id",
    "source",
    "referrer_name",
    "referrer_role",
    "referrer_organisation",
    "referrer_contact",
    "reason_in_persons_words",
    "reason_in_referrers_words",
    "consent_given",
    "interpreter_needed",
    "interpreter_language",
    "urgency",
    "received_at",
    "status",
    "complexity",
    "risk_to_self",
    "risk_to_others",
    "risk_from_others",
    "recent_crisis",
    "risk_notes",
    "decision",
    "decision_reason",
    "signposted_to",
    "triaged_at",
    "allocated_at",
    "idempotency_token",
    "submitted_from",
    "allocated_to_id",
    "created_by_id",
    "person_id",
    "triaged_by_id",
    "referrer_told_at",
    "referrer_told_by_id",
    "referrer_told_how",
]
EPISODE_COLUMNS = [
    "id",
    "status",
    "started_on",
    "planned_weeks",
    "planned_end_on",
    "review_every_weeks",
    "next_review_on",
    "ended_on",
    "opened_at",
    "opened_by_id",
    "person_id",
    "referral_id",
    "worker_id",
]
CASELOAD_COLUMNS = ["id", "source", "started_at", "ended_at", "added_by_id", "ended_by_id", "worker_id", "person_id"]
CONTACT_COLUMNS = [
    "id",
    "contact_date",
    "start_time",
    "minutes",
    "mode",
    "place",
    "who_was_there",
    "what_was_done",
    "outcome",
    "recorded_at",
    "person_id",
    "worker_id",
    "recorded_by_id",
    "episode_id",
]
MEASUREMENT_COLUMNS = [
    "id",
    "status",
    "mode",
    "measured_on",
    "answers",
    "goal_texts",
    "raw_score",
    "score",
    "band",
    "created_at",
    "completed_at",
    "completed_by_id",
    "created_by_id",
    "instrument_id",
    "person_id",
    "contact_id",
]


# --- PostgreSQL loading: indexes off during the load, sequences and statistics after ----------


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
