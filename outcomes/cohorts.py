"""Paired change from first to last measurement, for groups of people, computed in the database.

One grouped pass: window functions over the instrument's completed scores in the period give each
person's first score, last score and number of scores (the row of their last score is kept, so its
score and date are the last ones); people with at least two are paired; the database then groups
and aggregates. Per-person subqueries (11 SubPlans a person) took 4.7 s on the large data set.

For a restricted viewer (a commissioner) every grouping of the period is built together and
suppressed by `core.disclosure` as one table: the people in each group and how many improved,
did not change or deteriorated add up across the groups of a grouping to "Everyone", and along
each row to its people; the mean change, its interval, the shares and the mean latest score are
derived figures, shown only when the people they come from are. Python only turns the aggregates
into a confidence interval.

A manager's figures are their service's, and may be narrowed to one team (`accounts.teams.Scope`,
docs/teams.md): a person's measurements count for their service (the person's) and for a team when
they had 1-to-1 support from one of its workers or belong to one of its user-led projects.

Kept figures (issue 22): the page reads a calendar period's (or the last 12 months') aggregates
from the figures store, kept up to date as measurements are recorded, through `kept`: reports
registers a `Keeper` (reports/cohorts.py), as outcomes cannot import it. Outside a `kept` block,
or with no keeper, `grouped` reads raw rows. Suppression is applied to them as before.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.db import connection
from django.db.models import Case, Count, DateField, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import FirstValue, RowNumber, TruncQuarter

from accounts.models import User
from accounts.teams import Scope
from community.models import Project, ProjectMembership
from core import disclosure
from core.disclosure import NOT_SHOWN
from core.periods import Period
from enablement.models import Episode
from outcomes.models import Instrument, Measurement
from people.models import CaseloadEntry

GROUPINGS = {
    "all": "Everyone",
    "worker": "By worker",
    "project": "By user-led project they belong to",
    "quarter": "By quarter of the last measurement",
}
EVERYONE = "Everyone"
MEASURES = ("people", "improved", "no_change", "deteriorated")

# Two-sided 95% critical values of Student's t, by degrees of freedom.
T_95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086,
        21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042,
        40: 2.021, 60: 2.000, 120: 1.980}  # fmt: skip


def default_start(today: date) -> date:
    """The day after the same date a year ago: the last 12 months, today included."""
    try:
        return today.replace(year=today.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28) + timedelta(days=1)


class Freshness(Protocol):
    @property
    def line(self) -> str: ...


Grouped = Callable[..., list[dict[str, Any]]]  # `grouped`'s arguments and result


@dataclass(frozen=True)
class Keeper:
    """Kept cohort figures: `block(period, scope)` opens the stored set of the period and scope
    (yielding how fresh it is), in which `grouped` (the same arguments and result as `grouped`
    below) answers from it."""

    block: Callable[[Period, Scope | None], AbstractContextManager[Freshness | None]]
    grouped: Grouped


_KEEPERS: list[Keeper] = []
_source: ContextVar[Grouped | None] = ContextVar("cohort_figures_source", default=None)


def register_keeper(keeper: Keeper) -> None:
    _KEEPERS[:] = [keeper]


@contextmanager
def kept(period: Period | None, scope: Scope | None) -> Iterator[Freshness | None]:
    """Within this block the figures of `period` (whose start and end the caller then asks for)
    come from the kept figures; yields how fresh they are. None (computed from raw rows) for no
    period or when no keeper is registered."""
    if period is None or not _KEEPERS:
        yield None
        return
    keeper = _KEEPERS[0]
    with keeper.block(period, _narrowing(scope)) as fresh:
        token = _source.set(keeper.grouped)
        try:
            yield fresh
        finally:
            _source.reset(token)


def _narrowing(scope: Scope | None) -> Scope | None:
    return scope if scope is not None and scope.narrows() else None


def t_critical(df: int) -> float:
    if df in T_95:
        return T_95[df]
    larger = [key for key in T_95 if key >= df]
    return T_95[min(larger)] if larger else 1.960


@dataclass(frozen=True)
class CohortRow:
    """One group's figures. For a restricted viewer a hidden count is None; `suppressed` means the
    group's people (and so every figure made from them) are not shown."""

    label: str
    people: int | None
    suppressed: bool
    mean_change: Decimal | None = None
    ci_low: Decimal | None = None
    ci_high: Decimal | None = None
    improved: int | None = 0
    no_change: int | None = 0
    deteriorated: int | None = 0
    mean_latest: Decimal | None = None

    def share(self, count: int | None) -> str:
        """A count's share of the group's people: only when both are shown."""
        if self.suppressed or not self.people:
            return ""
        if count is None:
            return NOT_SHOWN
        return f"{round(100 * count / self.people)}%"

    def cell(self, count: int | None) -> str:
        """A count with its share, as in "5 (56%)"; "Not shown" when the count is hidden."""
        if count is None:
            return NOT_SHOWN
        share = self.share(count)
        return f"{disclosure.show(count)} ({share})" if share else disclosure.show(count)


def of_scope(scope: Scope | None) -> Q:
    """Measurements of the scope's people: the service's, and of a team's 1-to-1 work or projects."""
    if scope is None:
        return Q()
    query = scope.q(service="person__service_id")
    if scope.team_id is not None:
        person = OuterRef("person_id")
        query &= Q(Exists(Episode.objects.filter(person=person, worker__team_id=scope.team_id))) | Q(
            Exists(ProjectMembership.objects.filter(person=person, project__team_id=scope.team_id))
        )
    return query


def _scored(instrument: Instrument, start: date | None, end: date | None, scope: Scope | None = None) -> QuerySet[Measurement]:
    scored = Measurement.objects.filter(of_scope(scope), instrument=instrument, status=Measurement.Status.COMPLETE, score__isnull=False)
    if start:
        scored = scored.filter(measured_on__gte=start)
    if end:
        scored = scored.filter(measured_on__lte=end)
    return scored.order_by()


def _paired_sql(
    instrument: Instrument, start: date | None, end: date | None, *, quarter: bool = False, scope: Scope | None = None
) -> tuple[str, Sequence[Any]]:
    """SQL for one row per paired person: person_id, first_score, last_score, change, up, down
    (1 or 0: meaningful improvement or deterioration) and, when asked, the quarter of the last score."""
    threshold = instrument.threshold if instrument.threshold is not None else Decimal("0")
    person = [F("person_id")]
    latest_first = [F("measured_on").desc(), F("pk").desc()]
    rows = (
        _scored(instrument, start, end, scope)
        .annotate(
            first_score=Window(FirstValue("score"), partition_by=person, order_by=[F("measured_on").asc(), F("pk").asc()]),
            scores=Window(Count("pk"), partition_by=person),
            place=Window(RowNumber(), partition_by=person, order_by=latest_first),
        )
        .annotate(last_score=F("score"), change=F("score") - F("first_score"))
        .annotate(
            up=Case(
                When(
                    **{
                        "change__gte" if instrument.higher_is_better else "change__lte": threshold
                        if instrument.higher_is_better
                        else -threshold
                    },
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
            down=Case(
                When(
                    **{
                        "change__lte" if instrument.higher_is_better else "change__gte": -threshold
                        if instrument.higher_is_better
                        else threshold
                    },
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .filter(place=1, scores__gte=2)
    )
    fields = ["person_id", "first_score", "last_score", "change", "up", "down"]
    if quarter:
        rows = rows.annotate(last_quarter=TruncQuarter("measured_on", output_field=DateField()))
        fields.append("last_quarter")
    sql, params = rows.values(*fields).query.sql_with_params()
    return sql, params


def _workers_sql() -> tuple[str, Sequence[Any]]:
    """Each person's worker: the first open caseload entry (by start, then id)."""
    first_open = (
        CaseloadEntry.objects.filter(ended_at__isnull=True)
        .annotate(place=Window(RowNumber(), partition_by=[F("person_id")], order_by=[F("started_at").asc(), F("pk").asc()]))
        .filter(place=1)
        .order_by()
        .values("person_id", "worker_id")
    )
    sql, params = first_open.query.sql_with_params()
    return sql, params


def grouped(
    instrument: Instrument, *, group_by: str = "all", start: date | None = None, end: date | None = None, scope: Scope | None = None
) -> list[dict[str, Any]]:
    """The aggregates per group, in one query: group, n, mean, sum_of_squares, up, down, latest."""
    q = connection.ops.quote_name
    paired, params = _paired_sql(instrument, start, end, quarter=group_by == "quarter", scope=scope)
    params = list(params)
    join = ""
    if group_by == "worker":
        workers, worker_params = _workers_sql()
        join = f" LEFT JOIN ({workers}) {q('w')} ON {q('w')}.{q('person_id')} = {q('p')}.{q('person_id')}"
        params += list(worker_params)
        group = f"{q('w')}.{q('worker_id')}"
    elif group_by == "project":
        # A person who belongs to several projects counts once in each of them.
        memberships = ProjectMembership._meta.db_table
        join = f" LEFT JOIN {q(memberships)} {q('m')} ON {q('m')}.{q('person_id')} = {q('p')}.{q('person_id')}"
        group = f"{q('m')}.{q('project_id')}"
    elif group_by == "quarter":
        group = f"{q('p')}.{q('last_quarter')}"
    else:
        group = "'all'"
    p = q("p")
    # Only quoted names are put into the text; every value is a parameter.
    sql = (
        f"SELECT {group} AS {q('grp')}, COUNT(*), AVG({p}.{q('change')}), SUM({p}.{q('change')} * {p}.{q('change')}),"  # noqa: S608  # nosec B608: quoted names only, values are parameters
        f" SUM({p}.{q('up')}), SUM({p}.{q('down')}), AVG({p}.{q('last_score')})"
        f" FROM ({paired}) {p}{join}" + ("" if group_by not in ("worker", "project", "quarter") else f" GROUP BY {group} ORDER BY {group}")
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    keys = ("group", "n", "mean", "sum_of_squares", "up", "down", "latest")
    rows = [dict(zip(keys, row, strict=True)) for row in found]
    if group_by == "quarter":
        for row in rows:
            if isinstance(row["group"], str):  # SQLite returns the date as text
                row["group"] = date.fromisoformat(row["group"][:10])
    key = {"worker": User._meta.pk, "project": Project._meta.pk}.get(group_by)
    if key is not None:  # SQLite returns a UUID as text
        for row in rows:
            row["group"] = None if row["group"] is None else key.to_python(row["group"])
    return rows


def _figures(
    instrument: Instrument, group_by: str, start: date | None, end: date | None, scope: Scope | None = None
) -> list[tuple[Any, CohortRow]]:
    """Every group's figures, unsuppressed, each with its group (a worker's or project's id, a quarter)."""
    source = _source.get() or grouped
    figures = [row for row in source(instrument, group_by=group_by, start=start, end=end, scope=_narrowing(scope)) if row["n"]]
    names: dict[Any, str] = {}
    ids = [row["group"] for row in figures if row["group"] is not None]
    if group_by == "worker":
        names = {user.pk: user.display_name for user in User.objects.filter(pk__in=ids)}
    if group_by == "project":
        names = {project.pk: project.name for project in Project.objects.filter(pk__in=ids)}
    result = []
    for row in figures:
        n = int(row["n"])
        mean = float(row["mean"])
        variance = (float(row["sum_of_squares"]) - n * mean * mean) / (n - 1) if n > 1 else 0.0
        sd = math.sqrt(max(variance, 0.0))
        margin = t_critical(n - 1) * sd / math.sqrt(n) if n > 1 else 0.0
        up, down = int(row["up"]), int(row["down"])
        result.append(
            (
                row["group"],
                CohortRow(
                    label=_label(group_by, row["group"], names),
                    people=n,
                    suppressed=False,
                    mean_change=_two(mean),
                    ci_low=_two(mean - margin),
                    ci_high=_two(mean + margin),
                    improved=up,
                    deteriorated=down,
                    no_change=n - up - down,
                    mean_latest=_two(float(row["latest"])),
                ),
            )
        )
    return result


def paired_change(
    instrument: Instrument,
    *,
    group_by: str = "all",
    start: date | None = None,
    end: date | None = None,
    restricted: bool = True,
    scope: Scope | None = None,
) -> list[CohortRow]:
    """The groups' figures; for a restricted viewer (the default) through `core.disclosure`, always
    everyone's (a restricted viewer has no scope: a team's figures beside everyone's would give
    small numbers away by subtraction)."""
    if not restricted:
        return [row for _, row in _figures(instrument, group_by, start, end, scope)]
    return published(instrument, start=start, end=end)[group_by]


def published(instrument: Instrument, *, start: date | None = None, end: date | None = None) -> dict[str, list[CohortRow]]:
    """Every grouping of the period, suppressed together (one query per grouping): a figure hidden
    in one grouping can never be worked out from another, or from "Everyone"."""
    raw = {group_by: _figures(instrument, group_by, start, end) for group_by in GROUPINGS}
    everyone = raw["all"][0][1] if raw["all"] else None
    values: dict[tuple[str, Any, str], int] = {}
    lines: list[disclosure.Line[tuple[str, Any, str]]] = []
    for measure in MEASURES:
        values[("all", EVERYONE, measure)] = int(getattr(everyone, measure)) if everyone else 0
    lines.append((("all", EVERYONE, "people"), [("all", EVERYONE, m) for m in MEASURES[1:]]))
    for group_by in ("worker", "project", "quarter"):
        groups = [group for group, _ in raw[group_by]]
        for group, row in raw[group_by]:
            for measure in MEASURES:
                values[(group_by, group, measure)] = int(getattr(row, measure))
            lines.append(((group_by, group, "people"), [(group_by, group, m) for m in MEASURES[1:]]))
        # The groups add up to everyone (by project only roughly, as someone may belong to several
        # projects or none: it is treated as if they added up, which only ever hides more).
        for measure in MEASURES:
            lines.append((("all", EVERYONE, measure), [(group_by, group, measure) for group in groups]))
    hidden = disclosure.protect(values, lines)
    result: dict[str, list[CohortRow]] = {}
    for group_by, rows in raw.items():
        result[group_by] = []
        for group, row in rows:
            key = (group_by, EVERYONE if group_by == "all" else group)
            counts = {measure: None if (*key, measure) in hidden else values[(*key, measure)] for measure in MEASURES}
            people = counts["people"]
            improved, no_change, deteriorated = counts["improved"], counts["no_change"], counts["deteriorated"]
            if people is None or not disclosure.enough_people(people):
                # The counts stay as core.disclosure published them; everything made from the
                # people (the mean, its interval, the shares, the mean latest score) is hidden.
                result[group_by].append(
                    CohortRow(row.label, people, True, improved=improved, no_change=no_change, deteriorated=deteriorated)
                )
                continue
            result[group_by].append(replace(row, improved=improved, no_change=no_change, deteriorated=deteriorated))
    return result


def _two(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _label(group_by: str, group: object, names: dict[Any, str]) -> str:
    if group_by == "worker":
        return names.get(group, "Not on a caseload") if isinstance(group, int) else "Not on a caseload"
    if group_by == "project":
        return names.get(group, "Not in a user-led project")
    if group_by == "quarter" and isinstance(group, date):
        return f"{group.year} Q{(group.month - 1) // 3 + 1}"
    return EVERYONE
