"""A person's timeline: one chronological view that each part of the service adds entries to.

Each source returns at most `limit` of its newest entries with one query, so the page costs the
same however long the history is. Every app that adds to it declares its sources one way: its
`timeline.py` exports `SOURCES` (a tuple of `TimelineSource`), and its `AppConfig.ready()` calls
`people.timeline.register_sources(SOURCES)`. People's own sources are declared the same way.

A source also says where its newest entry can be (`Newest`: its rows for the person and their
date or time fields). One query reads every source's newest moment first; then only the sources
that have anything are asked, newest first, and asking stops once the `limit` entries found are
all newer than anything the rest could add. Most people have entries from a few of the thirty
sources, so the page makes a handful of queries instead of one per source, with the same entries.
"""

from __future__ import annotations

import functools
import heapq
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.db import connections, models
from django.db.models import F, Func, Subquery

from people.member_view import timeline_kind_shown_to_member
from people.models import Alert, CaseloadEntry, Consent, Person


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: datetime
    kind: str
    title: str
    detail: str = ""
    url: str = ""  # where to read the whole entry, if anywhere


SourceFunction = Callable[[Person, int], list[TimelineEntry]]


@dataclass(frozen=True)
class Newest:
    """Where a source's newest entry can be: `model`'s rows whose `person` path is the person (all of
    the rows the source reads, or more), and the date or time `fields` whose greatest value is at or
    after every entry the source makes from them (a date stands for its whole day). `model` may be
    named ("app_label.Model") by an app whose timeline module must not import its models early."""

    model: type[models.Model] | str
    person: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class TimelineSource:
    kind: str
    label: str
    entries: SourceFunction
    # Staff notes (alerts, risk) are not shown to the member whose record it is.
    shown_to_member: bool = False
    # Where its entries come from, to skip it when it has none or none new enough. Empty: always asked.
    newest: tuple[Newest, ...] = ()


_SOURCES: dict[str, TimelineSource] = {}


def register_sources(declared: Iterable[TimelineSource]) -> None:
    """Called from each app's AppConfig.ready() with its `timeline.SOURCES`."""
    for source in declared:
        _SOURCES[source.kind] = source


def sources(*, for_member: bool = False) -> list[TimelineSource]:
    """Every source; for the member's own pages, only those `people.member_view` lists (the
    `shown_to_member` flag alone is not enough: the one definition decides)."""
    if not for_member:
        return list(_SOURCES.values())
    return [source for source in _SOURCES.values() if source.shown_to_member and timeline_kind_shown_to_member(source.kind)]


def timeline_for(person: Person, *, kinds: set[str] | None = None, limit: int = 50, for_member: bool = False) -> list[TimelineEntry]:
    """The newest `limit` entries across the chosen kinds (all kinds when None), newest first: the
    same entries, in the same order, as asking every source and keeping the newest `limit`."""
    chosen = [source for source in sources(for_member=for_member) if not kinds or source.kind in kinds]
    # One source (the timeline filtered to one kind): asking it costs what finding its newest would.
    newest = newest_moments(person, chosen) if len(chosen) > 1 else {}
    # (entry, the source's place among the chosen, the entry's place in the source's answer)
    found: list[tuple[TimelineEntry, int, int]] = []
    asked = sorted(
        ((moment, place, source) for place, source in enumerate(chosen) if (moment := newest.get(source.kind, _UNKNOWN)) is not None),
        key=lambda asking: asking[0],
        reverse=True,
    )
    for moment, place, source in asked:
        if len(found) >= limit and heapq.nlargest(limit, (entry.occurred_at for entry, _, _ in found))[-1] > moment:
            break  # this source and every one after it has nothing newer than the `limit` found
        found.extend((entry, place, position) for position, entry in enumerate(source.entries(person, limit)))
    # Ties keep the order of asking every source in turn: by source, then by the source's own order.
    found.sort(key=lambda item: (item[1], item[2]))
    found.sort(key=lambda item: item[0].occurred_at, reverse=True)
    return [entry for entry, _, _ in found[:limit]]


# A source that does not say where its entries come from is asked first, always.
_UNKNOWN = datetime.max.replace(tzinfo=UTC)


def newest_moments(person: Person, chosen: Sequence[TimelineSource]) -> dict[str, datetime | None]:
    """Each source's newest moment (at or after its newest entry; None when it has no entries), in
    one query, for the sources that say where their entries come from."""
    if not any(source.newest for source in chosen):
        return {}
    database = Person.objects.filter(pk=person.pk).db
    query = _newest_query(database, tuple(source.kind for source in chosen))
    connection = connections[database]
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [Person._meta.pk.get_db_prep_value(person.pk, connection)] * query.persons)
        row = cursor.fetchone()
    if row is None:  # the person has gone since the page read them: nothing from any source
        return dict.fromkeys(query.kinds)
    moments: dict[str, list[datetime]] = {kind: [] for kind in query.kinds}
    for kind, (converters, expression), value in zip(query.kinds, query.converters, row, strict=True):
        for convert in converters:
            value = convert(value, expression, connection)
        if (moment := _latest_instant(value)) is not None:
            moments[kind].append(moment)
    return {kind: max(found, default=None) for kind, found in moments.items()}


@dataclass(frozen=True)
class _NewestQuery:
    """The newest-moments query, made once for a database and a choice of sources: about thirty
    subqueries take longer to build than to run (10 ms against 4), and only the person differs."""

    sql: str
    persons: int  # how many parameters the query takes, each of them the person's id
    kinds: tuple[str, ...]  # the source each column is the newest moment of
    converters: tuple[tuple[list[Any], Any], ...]  # each column's converters from the database, and its expression


@functools.cache
def _newest_query(database: str, kinds: tuple[str, ...]) -> _NewestQuery:
    anyone = uuid.UUID(int=0)  # made for one person; their id is then the only parameter
    columns: dict[str, Subquery] = {}
    kind_of: list[str] = []
    for kind in kinds:
        for newest in _SOURCES[kind].newest:
            model = apps.get_model(newest.model) if isinstance(newest.model, str) else newest.model
            rows = model._default_manager.filter(**{f"{newest.person}_id": anyone}).order_by()
            for field in newest.fields:
                kind_of.append(kind)
                # A bare MAX (not Max()): no GROUP BY, so one row, NULL when the person has none.
                columns[f"newest_{len(columns)}"] = Subquery(rows.values(newest=Func(F(field), function="MAX")))
    queryset = Person.objects.using(database).filter(pk=anyone).values(**columns)
    compiler = queryset.query.get_compiler(using=database)
    sql, params = compiler.as_sql()
    connection = connections[database]
    if any(param != Person._meta.pk.get_db_prep_value(anyone, connection) for param in params):
        raise ValueError("The newest-moments query takes a parameter other than the person's id")
    expressions = [queryset.query.annotations[name] for name in columns]
    converters = tuple(
        (connection.ops.get_db_converters(expression) + expression.get_db_converters(connection), expression) for expression in expressions
    )
    return _NewestQuery(sql=sql, persons=len(params), kinds=tuple(kind_of), converters=converters)


def _latest_instant(value: Any) -> datetime | None:
    """A moment at or after `value`: a date stands for any time that day, in any time zone (two days on, at midnight UTC)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time.min, tzinfo=UTC) + timedelta(days=2)
    raise TypeError(f"Not a date or time: {value!r}")


def _record_entries(person: Person, limit: int) -> list[TimelineEntry]:
    return [TimelineEntry(person.created_at, "record", "Record created")]


def _alert_entries(person: Person, limit: int) -> list[TimelineEntry]:
    entries = []
    for alert in Alert.objects.filter(person=person).order_by("-raised_at")[:limit]:
        entries.append(TimelineEntry(alert.raised_at, "alerts", f"{alert.get_category_display()} alert raised", alert.summary))
        if alert.ended_at:
            entries.append(TimelineEntry(alert.ended_at, "alerts", f"{alert.get_category_display()} alert ended", alert.summary))
    return entries


def _consent_entries(person: Person, limit: int) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            consent.recorded_at,
            "consents",
            f"Consent recorded: {consent.get_kind_display()}",
            "Yes" if consent.given else "No (not agreed, or withdrawn)",
        )
        for consent in Consent.objects.filter(person=person).order_by("-recorded_at")[:limit]
    ]


def _caseload_entries(person: Person, limit: int) -> list[TimelineEntry]:
    entries = []
    for entry in CaseloadEntry.objects.filter(person=person).select_related("worker").order_by("-started_at")[:limit]:
        entries.append(TimelineEntry(entry.started_at, "caseload", f"Added to {entry.worker.display_name}'s caseload"))
        if entry.ended_at:
            entries.append(TimelineEntry(entry.ended_at, "caseload", f"Left {entry.worker.display_name}'s caseload"))
    return entries


SOURCES = (
    TimelineSource("record", "Record", _record_entries, shown_to_member=True),  # no query: always asked
    TimelineSource("alerts", "Alerts", _alert_entries, newest=(Newest(Alert, "person", ("raised_at", "ended_at")),)),
    TimelineSource("consents", "Consents", _consent_entries, shown_to_member=True, newest=(Newest(Consent, "person", ("recorded_at",)),)),
    TimelineSource(
        "caseload",
        "Caseload",
        _caseload_entries,
        shown_to_member=True,
        newest=(Newest(CaseloadEntry, "person", ("started_at", "ended_at")),),
    ),
)
