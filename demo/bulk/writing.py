"""Writing rows: the bulk tables, progress on stderr, and a writer for each database (COPY on PostgreSQL, executemany on SQLite)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock
from functools import lru_cache
from typing import IO, Any, Protocol
from zoneinfo import ZoneInfo

from django.db import connection

Row = tuple[Any, ...]


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


class Progress:
    """Plain stderr progress, one line per table, rewritten at most twice a second."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.step = self.started  # when the last table or step finished

    def _times(self) -> str:
        """Seconds since the start, and (in brackets) since the last table or step finished."""
        now = time.monotonic()
        took, self.step = now - self.step, now
        return f"{now - self.started:7.1f}s (+{took:.1f}s)"

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
            self.stream.write(f"\r  {label:<14} {count:>12,} rows  done  {self._times()}\n")
            self.stream.flush()

    def note(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(f"  {text}: {self._times()}\n")
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
    # The same moments recur across areas (sessions at 10:00 on a Monday, contacts at 11:00 on a
    # day) and formatting an aware datetime costs several times a cache lookup. Equal moments
    # in different zones would share a text, which PostgreSQL reads as the same instant.
    datetime: lru_cache(maxsize=1 << 16)(datetime.isoformat),
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


def next_ids(tables: Iterable[str]) -> Keys:
    with connection.cursor() as cursor:
        result = {}
        for table in tables:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (fixed table names)  # nosec B608: table and column names from the models or fixed lists, values as parameters
            result[table] = cursor.fetchone()[0]
    return Keys(result)
