"""The figures store: report pages read figures computed once, not raw history (issue 22).

Every figure that reads raw rows is a function decorated `service.stored` (reports/figures/): its
result, for its arguments and the scope it runs in, is what the store keeps. A page opens
`figures(period, scope)`: the block starts with the `FigureSet` stored for that calendar period and
scope (one query), so each stored function answers from it; one the set lacks (a page's first view,
a project not asked for before) is computed from raw rows in the request and added to the set.
Suppression (core.disclosure) is applied to the stored raw figures as the page reads them, exactly
as before: stored figures equal the raw computation.

Kept up to date: a write that changes a figure calls `figures_changed` with the dates it touches,
in its own transaction (reports/signals.py for ordinary saves and deletes; bulk paths call it
themselves), which marks stale every set whose figures read those dates. `refresh_stale` (the
`refresh_figures` job, every minute) recomputes them. A closed period's set is computed once and
recomputed only when a write dated into it arrives. With no broker configured (tests, `make run`)
a stale set is recomputed in the request instead, as imports and downloads run there then.

Custom date ranges are not stored: they are computed from raw rows on demand.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.teams import Scope
from core.periods import CALENDAR_KINDS, Period
from reports.figures import service
from reports.figures.codec import CodecError, decode, encode
from reports.models import FigureSet

logger = logging.getLogger(__name__)

STORED_KINDS = CALENDAR_KINDS  # month, quarter, financial year

Span = tuple[date | None, date | None]  # first and last day touched; None: open-ended


def in_background() -> bool:
    """With a broker, the every-minute job refreshes stale figures; without one, the request does."""
    from downloads.services import in_background as broker_set

    return broker_set()


@dataclass(frozen=True)
class Freshness:
    as_of: datetime
    stale: bool = False

    @property
    def line(self) -> str:
        when = timezone.localtime(self.as_of)
        text = f"Figures as of {when:%H:%M}, {when.day} {when:%B %Y}"
        return text + (" (being brought up to date)" if self.stale else "")


def scope_key(scope: Scope | None) -> str:
    if scope is None or not scope.narrows():
        return "all"
    parts = [f"service:{scope.service_id}"] if scope.service_id is not None else []
    parts += [f"team:{scope.team_id}"] if scope.team_id is not None else []
    return "/".join(parts)


def _scope_of(key: str) -> Scope | None:
    if key == "all":
        return None
    found = dict(part.split(":") for part in key.split("/"))
    return Scope(
        service_id=int(found["service"]) if "service" in found else None,
        team_id=int(found["team"]) if "team" in found else None,
    )


def is_stored(period: Period) -> bool:
    return period.kind in STORED_KINDS


@contextmanager
def figures(period: Period, scope: Scope | None) -> Iterator[Freshness | None]:
    """Within this block (and `service.scoped(scope)`, which the caller opens), stored functions
    answer from the period's stored figures. Yields how fresh they are; None for a custom period
    (not stored: computed from raw rows, shared within the block as before). A figure the set
    lacks (a page's first view) is computed in the block and added to the set."""
    if not is_stored(period):
        with service.figures_shared():
            yield None
        return
    if service.shared_figures() is not None:  # inside another store block already: use its figures
        yield None
        return
    entry = FigureSet.objects.filter(kind=period.kind, start=period.start, scope=scope_key(scope)).first()
    memo: dict[Any, Any] = {}
    use_stored = entry is not None and (not entry.stale or in_background())
    if entry is not None and use_stored:
        memo.update(_decoded(entry.figures))
    known = set(memo)
    freshness = Freshness(entry.computed_at, entry.stale) if entry is not None and use_stored else Freshness(timezone.now())
    with service.figures_from(memo):
        yield freshness
    found = {key: value for key, value in memo.items() if isinstance(key, str)}  # stored figures only
    if entry is None:
        _create(period, scope, found)
    elif not use_stored:
        _save(entry, found, entry.version, recomputed=True)
    elif set(found) - known:  # figures the set lacked, computed in this block: kept with the others
        _save(entry, found, entry.version, recomputed=False)


def _decoded(stored: str) -> dict[str, Any]:
    return {key: decode(value) for key, value in json.loads(stored).items()}


def _encoded(found: dict[str, Any]) -> str:
    return json.dumps({key: encode(value) for key, value in found.items()}, separators=(",", ":"))


def _reads(keys: Iterable[str], period: Period) -> tuple[date, date]:
    """The first and last day the figures read: the span of every period among their arguments."""
    first, last = period.start, period.end

    def visit(data: Any) -> None:
        nonlocal first, last
        if isinstance(data, list):
            for item in data:
                visit(item)
        elif isinstance(data, dict):
            fields = data.get("f")
            if "dc" in data and isinstance(fields, dict) and "start" in fields and "end" in fields:
                start, end = decode(fields["start"]), decode(fields["end"])
                if isinstance(start, date) and isinstance(end, date):
                    first, last = min(first, start), max(last, end)
            for value in data.values():
                visit(value)

    for key in keys:
        visit(json.loads(key)[2])
    return first, last


def _create(period: Period, scope: Scope | None, found: dict[str, Any]) -> None:
    first, last = _reads(found, period)
    try:
        with transaction.atomic():
            FigureSet.objects.create(
                kind=period.kind,
                start=period.start,
                end=period.end,
                scope=scope_key(scope),
                figures=_encoded(found),
                reads_from=first,
                reads_to=last,
                computed_at=timezone.now(),
            )
    except IntegrityError:  # another request stored it first: theirs stands
        logger.info("Figures for %s %s were stored by another request", period.kind, period.start)


def _save(entry: FigureSet, found: dict[str, Any], seen_version: int, *, recomputed: bool) -> bool:
    """Store the figures unless a write marked the set stale since `seen_version` was read (then
    the set stays stale and the job computes it again). True when stored."""
    first, last = _reads(found, Period(entry.kind, entry.start, entry.end))
    changes: dict[str, Any] = {"figures": _encoded(found), "reads_from": first, "reads_to": last}
    if recomputed:
        changes.update(stale=False, computed_at=timezone.now())
    return FigureSet.objects.filter(pk=entry.pk, version=seen_version).update(**changes) == 1


def figures_changed(*spans: Span) -> int:
    """A write changed raw rows dated in these spans: mark stale every stored set whose figures
    read any of those days (in the caller's transaction). (None, None) marks every set: a change
    not tied to dates (a person's equality answers, a project moved to another team). Returns the
    number of sets marked."""
    if not spans:
        return 0
    touching = Q()
    for first, last in spans:
        one = Q()
        if last is not None:
            one &= Q(reads_from__lte=last)
        if first is not None:
            one &= Q(reads_to__gte=first)
        touching |= one
    return FigureSet.objects.filter(touching).update(stale=True, version=F("version") + 1)


def recompute(entry: FigureSet) -> bool:
    """Compute again, from raw rows, every figure the set holds; True when stored (False when a
    write arrived meanwhile: it stays stale for the next run)."""
    seen = entry.version
    memo: dict[Any, Any] = {}
    with service.figures_from(memo):
        for key in json.loads(entry.figures):
            name, where, arguments = json.loads(key)
            function = service.STORED.get(name)
            if function is None:
                continue  # a figure no longer stored
            try:
                kwargs = decode(arguments)
            except (CodecError, LookupError) as gone:  # a project or instrument since deleted
                logger.info("Stored figure %s not recomputed: %s", name, gone)
                continue
            scope = None if where is None else Scope(service_id=where[0], team_id=where[1])
            with service.scoped(scope):
                function(**kwargs)
    return _save(entry, {key: value for key, value in memo.items() if isinstance(key, str)}, seen, recomputed=True)


def refresh_stale(limit: int | None = None) -> int:
    """Recompute stale sets, the most recent periods first; returns how many were brought up to date."""
    done = 0
    stale = FigureSet.objects.filter(stale=True).order_by("-start", "pk")
    for entry in stale[:limit] if limit else stale:
        done += recompute(entry)
    return done


def compute_page_figures(period: Period, scope: Scope | None) -> None:
    """Store everything the dashboard (as a manager and as a restricted viewer), its PDF and
    exports, and the equality page need for the period and scope."""
    from core.periods import PeriodError
    from reports import tables
    from reports.figures import equality, own_questions
    from reports.teams import cost_figures_for

    with service.scoped(scope), figures(period, scope):
        for suppressed in (False, True):
            try:
                tables.build(period, project=None, suppressed=suppressed)
            except PeriodError:
                continue
            cost_figures_for(period, scope, suppressed=suppressed)
            for question in equality.QUESTIONS:
                equality.equality_table(question, period, suppressed=suppressed)
            own_questions.monitoring_tables(period, suppressed=suppressed)


def usual_periods(today: date) -> list[Period]:
    """The periods the store is filled with from scratch: this and the last month, quarter and
    financial year."""
    from core.periods import month_of, quarter_of, year_of

    found = []
    for of in (month_of, quarter_of, year_of):
        current = of(today)
        found += [current, current.previous()]
    return found


def rebuild(today: date | None = None) -> int:
    """Empty the store and compute it again from raw rows: the sets it held (their periods and
    scopes) and the usual periods for the whole organisation. Returns the number of sets."""
    today = timezone.localdate() if today is None else today
    wanted = {(period.kind, period.start, period.end, "all") for period in usual_periods(today)}
    wanted |= set(FigureSet.objects.values_list("kind", "start", "end", "scope"))
    held = {
        (kind, start, scope): json.loads(figures)
        for kind, start, scope, figures in FigureSet.objects.values_list("kind", "start", "scope", "figures")
    }
    FigureSet.objects.all().delete()
    for kind, start, end, scope in sorted(wanted):
        period = Period(kind, start, end)
        compute_page_figures(period, _scope_of(scope))
        extra = held.get((kind, start, scope))
        if extra:  # figures asked for beyond the usual ones (a project's, a team comparison's)
            entry = FigureSet.objects.get(kind=kind, start=start, scope=scope)
            entry.figures = json.dumps({**extra, **json.loads(entry.figures)})
            entry.save(update_fields=["figures"])
            recompute(entry)
    return len(wanted)
