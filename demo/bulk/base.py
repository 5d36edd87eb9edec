"""What every table family shares: the seed, the clock, the writer and what earlier tables recorded."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

from demo.bulk.scale import Scale
from demo.bulk.writing import BULK_TABLES, Progress, Row, Writer, next_ids


class Base:
    """The seed, the scale, the clock and the writer, and what earlier tables recorded in memory
    (ids, dates) for later ones: each table family (people, community, care) builds on it."""

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
        self.keys = next_ids(["accounts_user", "people_caseloadentry", "community_session", "community_attendance", *BULK_TABLES[8:]])
        self.first_ids = dict(self.keys.next)  # where the bulk rows start (the base's rows are below)
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
