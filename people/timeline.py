"""A person's timeline: one chronological view that each part of the service adds entries to.

Each source returns at most `limit` of its newest entries with one query, so the page costs the
same however long the history is. Every app that adds to it declares its sources one way: its
`timeline.py` exports `SOURCES` (a tuple of `TimelineSource`), and its `AppConfig.ready()` calls
`people.timeline.register_sources(SOURCES)`. People's own sources are declared the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

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
class TimelineSource:
    kind: str
    label: str
    entries: SourceFunction
    # Staff notes (alerts, risk) are not shown to the member whose record it is.
    shown_to_member: bool = False


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
    """The newest `limit` entries across the chosen kinds (all kinds when None), newest first."""
    entries: list[TimelineEntry] = []
    for source in sources(for_member=for_member):
        if kinds and source.kind not in kinds:
            continue
        entries.extend(source.entries(person, limit))
    entries.sort(key=lambda entry: entry.occurred_at, reverse=True)
    return entries[:limit]


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
    TimelineSource("record", "Record", _record_entries, shown_to_member=True),
    TimelineSource("alerts", "Alerts", _alert_entries),
    TimelineSource("consents", "Consents", _consent_entries, shown_to_member=True),
    TimelineSource("caseload", "Caseload", _caseload_entries, shown_to_member=True),
)
