"""Figures over periods as a restricted viewer (a commissioner) may see them: every month, quarter
and the whole of one financial year published together through `core.disclosure`, so that no
period can be worked out from the others (a quarter minus its shown months never gives a hidden
month, and a year minus its shown quarters never gives a hidden quarter).

A restricted viewer asks only for calendar periods (`core.periods.period_from(restricted=True)`);
each figure of such a period is read from its financial year's published cube. The reports, the
signposting figures, the personal budget and work figures and the service's own monitoring
questions all publish through here: one rule, one place.

Counts of different people do not add up from months to quarters (one person can come in two
months), but small cohorts are suppressed *as if* they did, which hides at least as much.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, DateField, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter

from core import disclosure
from core.periods import Period, month_of, quarter_of, year_of

PeriodKey = tuple[str, date]
Key = tuple[PeriodKey, str]


def key_of(period: Period) -> PeriodKey:
    return (period.kind, period.start)


def year_for(period: Period) -> Period:
    """The financial year a calendar period belongs to."""
    return year_of(period.start)


def hierarchy_of(year: Period) -> dict[PeriodKey, list[PeriodKey]]:
    """The year's quarters, and each quarter's months."""
    quarters = [quarter_of(year.start + relativedelta(months=3 * q)) for q in range(4)]
    tree: dict[PeriodKey, list[PeriodKey]] = {key_of(year): [key_of(q) for q in quarters]}
    for quarter in quarters:
        tree[key_of(quarter)] = [key_of(month_of(quarter.start + relativedelta(months=m))) for m in range(3)]
    return tree


@dataclass
class Published:
    """One figure's values for a financial year, with the keys a restricted viewer may not see.
    `lines` are how the hidden keys were chosen (the attacker tests check them); they are not part
    of the figure, so the figures store does not keep them (`packed`)."""

    values: dict[Key, int]
    hidden: set[Key]
    lines: list[disclosure.Line[Key]] = field(default_factory=list, compare=False)

    def packed(self) -> dict[str, Any]:
        """For the figures store, compactly: each period and row named once, the values in one list
        by period then row (None where a key has no value), the hidden keys as places in it. A
        national year's attendance cube is 553,707 values: as tagged tuples with its lines it was
        591 MB of JSON, over PostgreSQL's 1 GB limit once a set held two such figures."""
        periods = sorted({period for period, _ in self.values} | {period for period, _ in self.hidden})
        rows = sorted({row for _, row in self.values} | {row for _, row in self.hidden})
        place = {key: i * len(rows) + j for i, period in enumerate(periods) for j, row in enumerate(rows) for key in [(period, row)]}
        flat: list[int | None] = [None] * (len(periods) * len(rows))
        for key, value in self.values.items():
            flat[place[key]] = value
        return {
            "periods": [[kind, start.isoformat()] for kind, start in periods],
            "rows": rows,
            "values": flat,
            "hidden": sorted(place[key] for key in self.hidden),
        }

    @classmethod
    def unpacked(cls, data: dict[str, Any]) -> Published:
        periods = [(str(kind), date.fromisoformat(start)) for kind, start in data["periods"]]
        rows = [str(row) for row in data["rows"]]
        keys = [(period, row) for period in periods for row in rows]
        values = {key: int(value) for key, value in zip(keys, data["values"], strict=True) if value is not None}
        return cls(values, {keys[place] for place in data["hidden"]})

    def parts(self) -> dict[str, Published]:
        """The figure's rows in groups by the text before "|" (a project's rows, all projects'),
        each with its own values and hidden keys: the store keeps a large figure this way so that a
        page reads only the groups it shows (reports/store.py)."""
        found: dict[str, Published] = {}
        for key, value in self.values.items():
            found.setdefault(part_of_row(key[1]), Published({}, set())).values[key] = value
        for key in self.hidden:
            found.setdefault(part_of_row(key[1]), Published({}, set())).hidden.add(key)
        return found

    def get(self, period: Period, row: str) -> int | None:
        """The figure as published: None when it is hidden."""
        key = (key_of(period), row)
        return None if key in self.hidden else self.values.get(key, 0)

    def true(self, period: Period, row: str) -> int:
        """The figure itself, for viewers who see unsuppressed figures."""
        return self.values.get((key_of(period), row), 0)


def part_of_row(row: str) -> str:
    """A row's group for `Published.parts`: "p1|drop_in|named" is in group "p1"."""
    return row.partition("|")[0] if "|" in row else ""


def year_cube(
    year: Period,
    monthly: Mapping[date, Mapping[str, int]],
    rows: Sequence[str],
    breakdowns: Sequence[tuple[str, Sequence[str]]] = (),
    *,
    parents: Mapping[PeriodKey, Mapping[str, int]] | None = None,
    sensitive: Callable[[Key, int], bool] | None = None,
) -> Published:
    """Publish `rows` for every month, quarter and the year. `monthly` is month start → row → value;
    a quarter's and the year's values are the sums of their months, unless `parents` gives them
    (counts of different people). `breakdowns` are the rows that add up to a total in every period
    ((total, parts)). `sensitive` replaces the small-count rule for figures that are not counts of
    people (money): it says which keys would reveal someone."""
    tree = hierarchy_of(year)
    values: dict[Key, int] = {}
    for children in tree.values():
        for month in children:
            if month[0] == "month":
                for row in rows:
                    values[(month, row)] = int(monthly.get(month[1], {}).get(row, 0))
    for parent in [*[p for p in tree if p[0] == "quarter"], key_of(year)]:
        given = (parents or {}).get(parent)
        for row in rows:
            values[(parent, row)] = int(given.get(row, 0)) if given is not None else sum(values[(child, row)] for child in tree[parent])
    lines = disclosure.cube_lines(tree, rows, breakdowns)
    chosen = None if sensitive is None else {key for key, value in values.items() if sensitive(key, value)}
    hidden = disclosure.protect(values, lines, sensitive=chosen)
    return Published(values, hidden, lines)


def _group(
    rows: Iterable[dict[str, Any]], period_field: str, row_of: Callable[[dict[str, Any]], Iterable[tuple[str, int]]]
) -> dict[Any, dict[str, int]]:
    grouped: dict[Any, dict[str, int]] = {}
    for row in rows:
        counts = grouped.setdefault(row[period_field], {})
        for name, n in row_of(row):
            counts[name] = counts.get(name, 0) + n
    return grouped


def monthly_counts(
    queryset: QuerySet[Any], date_field: str, group_by: Sequence[str], row_of: Callable[[dict[str, Any]], Iterable[tuple[str, int]]]
) -> dict[date, dict[str, int]]:
    """Rows counted by the month of a date field, in one grouped query: `row_of` turns each group
    (its `group_by` values and `n`) into (row, count) pairs."""
    grouped = (
        queryset.annotate(month=TruncMonth(date_field, output_field=DateField()))
        .values("month", *group_by)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _group(grouped, "month", row_of)


def people_by_period(
    queryset: QuerySet[Any],
    date_field: str,
    person_field: str,
    group_by: Sequence[str],
    row_of: Callable[[dict[str, Any]], Iterable[tuple[str, int]]],
    year: Period,
) -> tuple[dict[date, dict[str, int]], dict[PeriodKey, dict[str, int]]]:
    """Different people counted by month, by quarter and over the year, in three grouped queries:
    (monthly, parents) for `year_cube`. Financial quarters are calendar quarters."""

    def grouped(period: Any) -> QuerySet[Any]:
        rows: QuerySet[Any] = (
            queryset.annotate(period=period).values("period", *group_by).annotate(n=Count(person_field, distinct=True)).order_by()
        )
        return rows

    monthly = _group(grouped(TruncMonth(date_field, output_field=DateField())), "period", row_of)
    parents: dict[PeriodKey, dict[str, int]] = {
        ("quarter", start): counts
        for start, counts in _group(grouped(TruncQuarter(date_field, output_field=DateField())), "period", row_of).items()
    }
    whole = queryset.values(*group_by).annotate(n=Count(person_field, distinct=True)).order_by()
    parents[key_of(year)] = _group(({**row, "period": None} for row in whole), "period", row_of).get(None, {})
    for quarter in hierarchy_of(year)[key_of(year)]:
        parents.setdefault(quarter, {})
    return monthly, parents
