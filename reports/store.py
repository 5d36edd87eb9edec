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

Custom date ranges are not stored: they are computed from raw rows on demand. The last 12 months
to a day (`core.periods.TWELVE_MONTHS`, the cohort outcomes page's default) is stored like a
calendar period: a new set each day, and a stale one of a past day is dropped, not recomputed.

A page whose figures are many and read by no other page keeps them in a set of its own (a `part`,
as "cohorts" for outcomes' cohort page, reports/cohorts.py), so reading one page never decodes
another's figures; writes that change only that page's figures mark only its sets.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.teams import Scope
from core.periods import CALENDAR_KINDS, TWELVE_MONTHS, Period
from core.published import Published, part_of_row
from reports.figures import service
from reports.figures.codec import CodecError, decode, encode
from reports.models import FigurePart, FigureSet

logger = logging.getLogger(__name__)

STORED_KINDS = (*CALENDAR_KINDS, TWELVE_MONTHS)  # month, quarter, financial year; the last 12 months

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


def set_key(scope: Scope | None, part: str = "") -> str:
    """The set's `scope` column: the scope, after the part's name and "|" for a page's own set."""
    return f"{part}|{scope_key(scope)}" if part else scope_key(scope)


def part_of(key: str) -> tuple[str, Scope | None]:
    part, _, scope = key.rpartition("|")
    return part, _scope_of(scope)


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
def figures(period: Period, scope: Scope | None, part: str = "") -> Iterator[Freshness | None]:
    """Within this block (and `service.scoped(scope)`, which the caller opens), stored functions
    answer from the period's stored figures. Yields how fresh they are; None for a custom period
    (not stored: computed from raw rows, shared within the block as before). A figure the set
    lacks (a page's first view) is computed in the block and added to the set. `part`: the set
    of one page's own figures (none: the report pages' shared set)."""
    if not is_stored(period):
        with service.figures_shared():
            yield None
        return
    if service.shared_figures() is not None:  # inside another store block already: use its figures
        yield None
        return
    entry = FigureSet.objects.filter(kind=period.kind, start=period.start, scope=set_key(scope, part)).first()
    memo: dict[Any, Any] = {}
    use_stored = entry is not None and (not entry.stale or in_background())
    if entry is not None and use_stored:
        memo.update(_decoded(entry.figures, entry.pk))
    known = set(memo)
    freshness = Freshness(entry.computed_at, entry.stale) if entry is not None and use_stored else Freshness(timezone.now())
    with service.figures_from(memo):
        yield freshness
    found = {key: value for key, value in memo.items() if isinstance(key, str)}  # stored figures only
    if entry is None:
        _create(period, set_key(scope, part), found)
    elif not use_stored:
        _save(entry, found, entry.version, recomputed=True)
    elif set(found) - known:  # figures the set lacked, computed in this block: kept with the others
        _save(entry, found, entry.version, recomputed=False)


PARTED = "parted"  # a figure kept in parts: its value in the set's JSON says only that
PART_ROWS = 1_000  # a published figure with more rows than this is kept in parts


class PartedFigure:
    """A published figure (core.published.Published) kept in parts (`FigurePart`): each group of
    its rows is read from the database the first time a page asks for one of them, so the
    dashboard reads all projects' attendances, not every project's. Answers as Published does."""

    def __init__(self, set_id: int, key: str) -> None:
        self.set_id, self.key = set_id, key
        self._parts: dict[str, Published] = {}

    def _part(self, row: str) -> Published:
        name = part_of_row(row)
        found = self._parts.get(name)
        if found is None:
            data = FigurePart.objects.filter(figure_set_id=self.set_id, key=self.key, part=name).values_list("data", flat=True).first()
            found = self._parts[name] = Published.unpacked(json.loads(data)) if data else Published({}, set())
        return found

    def get(self, period: Period, row: str) -> int | None:
        return self._part(row).get(period, row)

    def true(self, period: Period, row: str) -> int:
        return self._part(row).true(period, row)


def _parted(value: Any) -> bool:
    return isinstance(value, PartedFigure) or (isinstance(value, Published) and len({row for _, row in value.values}) > PART_ROWS)


def _decoded(stored: str, set_id: int) -> dict[str, Any]:
    return {key: PartedFigure(set_id, key) if value == PARTED else decode(value) for key, value in json.loads(stored).items()}


def _encoded(found: dict[str, Any]) -> str:
    return json.dumps({key: PARTED if _parted(value) else encode(value) for key, value in found.items()}, separators=(",", ":"))


def _write_parts(entry_id: int, found: dict[str, Any], *, replace_all: bool) -> None:
    """Keep the parts of each large published figure computed in this block (a `PartedFigure`
    read from the set keeps the parts it has). `replace_all`: the set was computed again."""
    computed = {key: value for key, value in found.items() if isinstance(value, Published) and _parted(value)}
    held = FigurePart.objects.filter(figure_set_id=entry_id)
    (held if replace_all else held.filter(key__in=list(computed))).delete()
    FigurePart.objects.bulk_create(
        (
            FigurePart(figure_set_id=entry_id, key=key, part=name, data=json.dumps(part.packed(), separators=(",", ":")))
            for key, value in computed.items()
            for name, part in value.parts().items()
        ),
        batch_size=1_000,
    )


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


def _create(period: Period, key: str, found: dict[str, Any]) -> None:
    first, last = _reads(found, period)
    try:
        with transaction.atomic():
            entry = FigureSet.objects.create(
                kind=period.kind,
                start=period.start,
                end=period.end,
                scope=key,
                figures=_encoded(found),
                reads_from=first,
                reads_to=last,
                computed_at=timezone.now(),
            )
            _write_parts(entry.pk, found, replace_all=True)
    except IntegrityError:  # another request stored it first: theirs stands
        logger.info("Figures for %s %s were stored by another request", period.kind, period.start)


def _save(entry: FigureSet, found: dict[str, Any], seen_version: int, *, recomputed: bool) -> bool:
    """Store the figures unless a write marked the set stale since `seen_version` was read (then
    the set stays stale and the job computes it again). True when stored."""
    first, last = _reads(found, Period(entry.kind, entry.start, entry.end))
    changes: dict[str, Any] = {"figures": _encoded(found), "reads_from": first, "reads_to": last}
    if recomputed:
        changes.update(stale=False, computed_at=timezone.now())
    with transaction.atomic():
        if FigureSet.objects.filter(pk=entry.pk, version=seen_version).update(**changes) != 1:
            return False
        _write_parts(entry.pk, found, replace_all=recomputed)
    return True


def figures_changed(*spans: Span, part: str = "", team_scoped: bool = False) -> int:
    """A write changed raw rows dated in these spans: mark stale every stored set whose figures
    read any of those days (in the caller's transaction). (None, None) marks every set: a change
    not tied to dates (a person's equality answers, a project moved to another team). With `part`,
    only that page's own sets (and with `team_scoped`, only those of a team). Returns the number
    of sets marked."""
    if not spans:
        return 0
    sets = FigureSet.objects.all()
    if part:
        sets = sets.filter(scope__startswith=f"{part}|")
    if team_scoped:
        sets = sets.filter(scope__contains="team:")
    touching = Q()
    for first, last in spans:
        one = Q()
        if last is not None:
            one &= Q(reads_from__lte=last)
        if first is not None:
            one &= Q(reads_to__gte=first)
        touching |= one
    return sets.filter(touching).update(stale=True, version=F("version") + 1)


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
    """Recompute stale sets, the most recent periods first; returns how many were brought up to date.
    A stale set of the last 12 months to a past day is dropped: no page asks for it again."""
    done = 0
    FigureSet.objects.filter(kind=TWELVE_MONTHS, stale=True, end__lt=timezone.localdate()).delete()
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


def rebuild(today: date | None = None, *, part: str | None = None) -> int:
    """Empty the store and compute it again from raw rows: the sets it held (their periods and
    scopes; the last 12 months to today only) and the usual periods for the whole organisation,
    with the cohort page's own sets. `part`: only that page's sets ("" the shared ones). Returns
    the number of sets."""
    from reports import cohorts

    today = timezone.localdate() if today is None else today
    pages = {"": compute_page_figures, cohorts.PART: cohorts.compute_cohort_figures}
    parts = list(pages) if part is None else [part]
    usual = usual_periods(today)
    wanted = {(period.kind, period.start, period.end, set_key(None, name)) for name in parts for period in usual}
    if cohorts.PART in parts:
        twelve = cohorts.twelve_months_to(today)
        wanted.add((twelve.kind, twelve.start, twelve.end, set_key(None, cohorts.PART)))
    held_sets = FigureSet.objects.exclude(kind=TWELVE_MONTHS, end__lt=today)
    if part is not None:
        mine = Q(scope__startswith=f"{part}|") if part else ~Q(scope__contains="|")
        held_sets = held_sets.filter(mine)
    wanted |= set(held_sets.values_list("kind", "start", "end", "scope"))
    held = {
        (kind, start, scope): json.loads(figures)
        for kind, start, scope, figures in held_sets.values_list("kind", "start", "scope", "figures")
    }
    if part is None:
        FigureSet.objects.all().delete()
    else:
        FigureSet.objects.filter(kind=TWELVE_MONTHS, end__lt=today).delete()
        held_sets.delete()
    with service.carried_between_sets():
        _fill(sorted(wanted), held, pages)
    return len(wanted)


def _fill(
    wanted: list[tuple[str, date, date, str]],
    held: dict[tuple[str, date, str], dict[str, Any]],
    pages: Mapping[str, Callable[[Period, Scope | None], None]],
) -> None:
    for kind, start, end, scope in wanted:
        period = Period(kind, start, end)
        name, where = part_of(scope)
        if name not in pages:
            continue  # a part no page keeps now
        pages[name](period, where)
        extra = held.get((kind, start, scope))
        if extra:  # figures asked for beyond the usual ones (a project's, a team comparison's)
            entry = FigureSet.objects.get(kind=kind, start=start, scope=scope)
            entry.figures = json.dumps({**extra, **json.loads(entry.figures)})
            entry.save(update_fields=["figures"])
            recompute(entry)
