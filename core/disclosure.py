"""Disclosure control: the one rule for every figure a restricted viewer (a commissioner) sees.

docs/adr/0009-disclosure-control.md explains the rules. In short:

- **Primary suppression**: a count from 1 to threshold − 1 (`settings.STAR_SUPPRESSION_THRESHOLD`)
  is hidden. Zero is shown.
- **Complementary suppression**: figures are published with the sums that tie them together
  ("lines": a total and its parts, a quarter and its months, "all" and drop-ins + groups). More
  cells are hidden until, in every line, no hidden cell can be worked out by subtraction: a line
  with a hidden cell has at least two; when its total is shown, the hidden parts add up to the
  threshold or more and to more than the number of hidden parts (so "all ones" cannot be read off:
  hidden cells are never 0, so 6 hidden cells and a total of 6 would give every one of them).
  Then an exact check over all lines together (linear algebra) hides more until no hidden cell is
  determined by the shown ones.
- **Derived figures** (rates, shares, medians, means, unit costs, charts, differences) are shown
  only when every count they are made from is shown (`derived_shown`), and a median or mean needs
  at least the threshold number of people (`enough_people`).
- **Rounding** (optional, `settings.STAR_SUPPRESSION_ROUND_TO`, e.g. 5): shown counts are rounded
  to the nearest multiple, as ONS and NHS England publish (`show`).

This module knows nothing of the apps: callers give it numbers and the lines between them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.conf import settings

NOT_SHOWN = "Not shown"

K = TypeVar("K", bound=Hashable)
Number = int | Decimal
# A published sum: the total's key, and its parts' keys (total = sum of the parts).
Line = tuple[K, Sequence[K]]

_PRIME = (1 << 61) - 1  # exact check: Gaussian elimination modulo a large prime


def threshold() -> int:
    return int(settings.STAR_SUPPRESSION_THRESHOLD)


def rounding() -> int:
    """Shown counts are rounded to the nearest multiple of this (1: not rounded)."""
    return max(int(getattr(settings, "STAR_SUPPRESSION_ROUND_TO", 1) or 1), 1)


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def display(self) -> str:
        return show(self.count)


def show(value: int | None) -> str:
    """A published count as text: "Not shown" when suppressed, rounded when the setting says so."""
    if value is None:
        return NOT_SHOWN
    step = rounding()
    if step > 1:
        value = int((Decimal(value) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step
    return str(value)


def is_small(value: Number, *, limit: int | None = None) -> bool:
    limit = threshold() if limit is None else limit
    return 0 < value < limit


def suppress_value(count: int, *, limit: int | None = None) -> int | None:
    """A count on its own (nothing adds up to it or from it): hidden when 1 to threshold − 1."""
    return None if is_small(count, limit=limit) else count


def enough_people(people: int, *, limit: int | None = None) -> bool:
    """A median, mean or other statistic of people is shown only for the threshold or more."""
    return people >= (threshold() if limit is None else limit)


def derived_shown(*inputs: int | None) -> bool:
    """A rate, share, median, chart bar or difference is shown only when every input is shown."""
    return all(value is not None for value in inputs)


def protect(
    values: Mapping[K, Number],
    lines: Sequence[Line[K]],
    *,
    sensitive: Iterable[K] | None = None,
    limit: int | None = None,
) -> set[K]:
    """The keys to hide. `sensitive` overrides the primary rule (for figures that are not counts
    of people but would reveal some, such as a project's volunteer hours)."""
    limit = threshold() if limit is None else limit
    hidden: set[K] = set(sensitive) if sensitive is not None else {key for key, value in values.items() if is_small(value, limit=limit)}
    if not hidden:
        return hidden
    by_key: dict[K, list[int]] = {}
    for index, (total, parts) in enumerate(lines):
        for key in (total, *parts):
            by_key.setdefault(key, []).append(index)
    memory = _Memory(_Span(lines), {}, set())
    while True:
        _complete_lines(values, lines, hidden, limit)
        determined = determined_keys(values, lines, hidden, memory=memory)
        if not determined:
            return hidden
        grew = False
        for key in sorted(determined, key=repr):
            for index in sorted(by_key.get(key, []), key=lambda i: _hidden_in(lines[i], hidden)):
                candidate = _next_to_hide(values, lines[index], hidden)
                if candidate is not None:
                    hidden.add(candidate)
                    grew = True
                    break
            if grew:
                break
        if not grew:  # its own lines have nothing left to hide: look further along the lines it is tied to
            candidate = _nearest_to_hide(values, lines, by_key, hidden, min(determined, key=repr))
            if candidate is None:
                return hidden
            hidden.add(candidate)


def _nearest_to_hide(
    values: Mapping[K, Number], lines: Sequence[Line[K]], by_key: dict[K, list[int]], hidden: set[K], start: K
) -> K | None:
    """The smallest non-zero shown figure in the lines nearest to `start` through hidden figures."""
    frontier, reached, visited = [start], {start}, set()
    while frontier:
        candidates = []
        following: list[K] = []
        for key in frontier:
            for index in by_key.get(key, []):
                if index in visited:
                    continue
                visited.add(index)
                total, parts = lines[index]
                for item in (total, *parts):
                    if item in hidden and item not in reached:
                        reached.add(item)
                        following.append(item)
                    elif item not in hidden and values[item]:
                        candidates.append((values[item], repr(item), item))
        if candidates:
            return min(candidates)[2]
        frontier = following
    return None


def _hidden_in(line: Line[K], hidden: set[K]) -> int:
    total, parts = line
    return sum(key in hidden for key in (total, *parts))


def _next_to_hide(values: Mapping[K, Number], line: Line[K], hidden: set[K]) -> K | None:
    """The smallest non-zero shown part of the line, or else its total."""
    total, parts = line
    shown = sorted((values[key], repr(key), key) for key in parts if key not in hidden and values[key])
    if shown:
        return shown[0][2]
    if total not in hidden and values[total]:
        return total
    return None


def _line_needs_more(values: Mapping[K, Number], line: Line[K], hidden: set[K], limit: int) -> bool:
    total, parts = line
    hidden_parts = [key for key in parts if key in hidden]
    count = len(hidden_parts) + (total in hidden)
    if count == 0:
        return False
    if count == 1:
        return True
    if total in hidden:
        return False
    hidden_sum = sum(values[key] for key in hidden_parts)
    # Hidden parts are never 0, so a sum equal to their number makes every one of them 1.
    return hidden_sum < limit or hidden_sum <= len(hidden_parts)


def _complete_lines(values: Mapping[K, Number], lines: Sequence[Line[K]], hidden: set[K], limit: int) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            while _line_needs_more(values, line, hidden, limit):
                candidate = _next_to_hide(values, line, hidden)
                if candidate is None:
                    break
                hidden.add(candidate)
                changed = True


class _Span:
    """The lines as a matrix over the hidden keys (one column each), built one column at a time.

    A hidden key is determined by the shown figures exactly when no change to the hidden figures
    that keeps every line's sum (a vector of the matrix's null space) moves it. Each column added is
    reduced against the columns before it (Gaussian elimination modulo a large prime, keeping how
    each reduced vector is made of the original columns): when it reduces to nothing, that
    combination is a null-space vector, and every key in it is free to move. Those vectors make a
    basis of the null space, so the keys never in one are exactly the determined ones. Hiding more
    only adds columns, so `protect` keeps one `_Span` from round to round."""

    def __init__(self, lines: Sequence[Line[K]]) -> None:
        self.incidence: dict[Hashable, dict[int, int]] = {}  # key -> {line: coefficient}
        for index, (total, parts) in enumerate(lines):
            for key, sign in ((total, 1), *((part, -1) for part in parts)):
                column = self.incidence.setdefault(key, {})
                column[index] = (column.get(index, 0) + sign) % _PRIME
        # pivot line -> (insertion order, reduced vector with 1 at the pivot, its combination of keys)
        self.basis: dict[int, tuple[int, dict[int, int], dict[Hashable, int]]] = {}
        self.added: set[Hashable] = set()
        self.free: set[Hashable] = set()

    def add(self, key: Hashable) -> None:
        if key in self.added:
            return
        self.added.add(key)
        vector = {line: c for line, c in self.incidence.get(key, {}).items() if c}
        combination: dict[Hashable, int] = {key: 1}
        while True:
            pivots = [(self.basis[line][0], line) for line in vector if line in self.basis]
            if not pivots:
                break
            # The earliest first: a basis vector is zero at the pivots of those before it.
            line = min(pivots)[1]
            _, reduced, made_of = self.basis[line]
            factor = vector[line]
            for at, c in reduced.items():
                value = (vector.get(at, 0) - factor * c) % _PRIME
                if value:
                    vector[at] = value
                else:
                    vector.pop(at, None)
            for other, c in made_of.items():
                value = (combination.get(other, 0) - factor * c) % _PRIME
                if value:
                    combination[other] = value
                else:
                    combination.pop(other, None)
        if not vector:  # a combination of hidden columns that changes no line: its keys can move
            self.free.update(combination)
            return
        pivot = min(vector)
        inverse = pow(vector[pivot], _PRIME - 2, _PRIME)
        self.basis[pivot] = (
            len(self.basis),
            {line: c * inverse % _PRIME for line, c in vector.items()},
            {other: c * inverse % _PRIME for other, c in combination.items()},
        )


@dataclass
class _Memory:
    """What one `protect` carries from round to round (hiding more only widens what the hidden
    figures could be): the span of the hidden columns, each component's hidden 1s held at 1 (a
    component with the same hidden keys gives the same answer), and hidden 1s shown free to move."""

    span: _Span
    components: dict[frozenset[Hashable], frozenset[Hashable]]
    free_ones: set[Hashable]


def determined_keys(values: Mapping[K, Number], lines: Sequence[Line[K]], hidden: set[K], *, memory: _Memory | None = None) -> set[K]:
    """Hidden keys whose value follows exactly from the shown figures and the lines.

    Linear: a hidden key that no change keeping every line's sum can move (`_Span`). Bounds: hidden
    figures are never 0, so a hidden 1 may be held at 1 through one line ("all ones": 6 hidden cells
    and a total of 6) or several (two columns' totals minus a row's): a linear programme over the
    hidden figures tied to it finds the most it could be (`_held_at_one`)."""
    memory = memory if memory is not None else _Memory(_Span(lines), {}, set())
    for key in sorted(hidden - memory.span.added, key=repr):
        memory.span.add(key)
    found: set[K] = {key for key in hidden if key not in memory.span.free}
    ones = {key for key in hidden if values[key] == 1 and key not in memory.free_ones and key not in found}
    if not ones:
        return found
    tied: dict[K, list[int]] = {}
    for index, (total, parts) in enumerate(lines):
        for key in (total, *parts):
            if key in hidden:
                tied.setdefault(key, []).append(index)
    done: set[K] = set()
    for start in sorted(ones, key=repr):
        if start in done:
            continue
        component, line_indexes = _tied_to(start, tied, lines, hidden)
        done |= component
        name = frozenset(component)
        if name not in memory.components:
            keys = sorted(component, key=repr)
            order = {key: index for index, key in enumerate(keys)}
            chosen = [lines[index] for index in sorted(line_indexes)]
            memory.components[name] = frozenset(_held_at_one(values, chosen, keys, order, component & ones, memory.free_ones))
        found.update(memory.components[name])  # type: ignore[arg-type]
    return found


def _tied_to(start: K, tied: Mapping[K, list[int]], lines: Sequence[Line[K]], hidden: set[K]) -> tuple[set[K], set[int]]:
    """The hidden figures tied to `start` through lines (itself included), and those lines' indexes."""
    component, line_indexes, frontier = {start}, set(), [start]
    while frontier:
        key = frontier.pop()
        for index in tied.get(key, []):
            if index not in line_indexes:
                line_indexes.add(index)
                total, parts = lines[index]
                for item in (total, *parts):
                    if item in hidden and item not in component:
                        component.add(item)
                        frontier.append(item)
    return component, line_indexes


def _held_at_one(
    values: Mapping[Any, Number], lines: Sequence[Line[Any]], keys: Sequence[Any], order: Mapping[Any, int], ones: set[Any], free: set[Any]
) -> set[Any]:
    """Hidden figures of 1 in one component that its lines hold at 1 because no hidden figure can
    be below 1 (the "all ones" case across several lines, e.g. two columns' totals minus a row's
    total): for each, the most it could be given the shown figures (a linear programme over the
    component's hidden figures, solved by HiGHS) is below 2. Those found free are added to `free`."""
    if not ones:
        return set()
    equations: list[tuple[dict[int, float], float]] = []
    for total, parts in lines:
        row: dict[int, float] = {}
        shown = 0.0
        for key, sign in ((total, 1), *((part, -1) for part in parts)):
            if key in order:
                row[order[key]] = row.get(order[key], 0.0) + sign
            else:
                shown -= sign * float(values[key])
        equations.append((row, shown - sum(row.values())))  # with y = x − 1 ≥ 0: row · y = shown − sum(row)
    targets = {order[key]: key for key in ones}
    # A hidden 0 (only when the caller says which figures are sensitive) may be 0: its y may be −1.
    lower = [min(0.0, float(values[key]) - 1) for key in keys]
    pinned = {targets[column] for column in _pinned_low(equations, lower, sorted(targets))}
    free.update(key for key in ones if key not in pinned)
    return pinned


class _LinesDoNotHold(Exception):
    """The shown figures and the lines have no solution with every hidden figure at least 0."""


def _pinned_low(equations: list[tuple[dict[int, float], float]], lower: list[float], targets: list[int]) -> set[int]:
    """The targets whose largest value subject to row · y = rhs, y ≥ lower is below 1/2.

    One solve maximises the sum of the targets still open: below 1/2, every one of them is held
    (each is at most the sum); otherwise the ones at 1/2 or more in that solution are free, and the
    rest are tried one by one (each solve warm-started from the last basis), every solution freeing
    the targets it lifts."""
    import highspy  # imported here: only reports that hide a 1 need the solver
    import numpy as np

    width = len(lower)
    solver = highspy.Highs()  # type: ignore[no-untyped-call]  # highspy leaves Highs.__init__ unannotated
    solver.setOptionValue("output_flag", False)
    model = highspy.HighsLp()
    model.num_col_, model.num_row_ = width, len(equations)
    model.col_cost_ = np.zeros(width)
    model.col_lower_ = np.array(lower, dtype=float)
    model.col_upper_ = np.full(width, highspy.kHighsInf)
    rhs = np.array([value for _, value in equations])
    model.row_lower_, model.row_upper_ = rhs, rhs
    starts, columns, coefficients = [0], [], []
    for row, _ in equations:
        for column, value in row.items():
            if value:
                columns.append(column)
                coefficients.append(value)
        starts.append(len(columns))
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    model.a_matrix_.index_ = np.array(columns, dtype=np.int32)
    model.a_matrix_.value_ = np.array(coefficients, dtype=float)
    model.sense_ = highspy.ObjSense.kMaximize
    solver.passModel(model)
    every = np.arange(width, dtype=np.int32)
    answers = {  # what a solve can end with; anything else is a failure
        highspy.HighsModelStatus.kOptimal,
        highspy.HighsModelStatus.kUnbounded,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
        highspy.HighsModelStatus.kInfeasible,
    }

    def most(costed: list[int], *, again: bool = True) -> tuple[float | None, list[float]]:
        costs = np.zeros(width)
        costs[costed] = 1.0
        solver.changeColsCost(width, every, costs)
        solver.run()
        status = solver.getModelStatus()
        if status not in answers and again:
            solver.clearSolver()  # a warm start that went wrong: solve from nothing, once
            return most(costed, again=False)
        if status == highspy.HighsModelStatus.kOptimal:
            return solver.getInfo().objective_function_value, list(solver.getSolution().col_value)
        if status == highspy.HighsModelStatus.kUnboundedOrInfeasible and costed:
            most([])  # which of the two: with no objective, only infeasibility remains
            return None, []
        if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return None, []  # the true figures satisfy the lines, so this is unbounded
        # Infeasible: the figures do not satisfy the lines exactly (a grouping treated as if it
        # added up: a person in two projects, or in none). Any other answer: the solver failed.
        # Either way the programme says nothing about what an attacker could pin.
        raise _LinesDoNotHold(str(status))

    try:
        return _held_targets(most, targets)
    except _LinesDoNotHold:
        return set(targets)  # every hidden 1 here counts as held: that only ever hides more


def _held_targets(most: Any, targets: list[int]) -> set[int]:
    open_ = set(targets)
    best, point = most(sorted(open_))
    if best is not None and best < 0.5:
        return open_
    open_ -= {column for column in open_ if point and point[column] >= 0.5}
    held: set[int] = set()
    for column in sorted(open_):
        if column not in open_:
            continue
        best, point = most([column])
        open_.discard(column)
        if best is not None and best < 0.5:
            held.add(column)
        elif point:
            open_ -= {other for other in open_ if point[other] >= 0.5}
    return held


def suppress(counts: Sequence[tuple[str, int]], *, limit: int | None = None) -> tuple[list[Cell], int | None]:
    """One column of counts and its shown total: cells in the order given, and the total (None
    when suppressed)."""
    values: dict[int | str, int] = {index: count for index, (_, count) in enumerate(counts)}
    values["total"] = sum(count for _, count in counts)
    hidden = protect(values, [("total", list(range(len(counts))))], limit=limit)
    cells = [Cell(label, None if index in hidden else count) for index, (label, count) in enumerate(counts)]
    return cells, (None if "total" in hidden else values["total"])


def published(values: Mapping[K, Number], hidden: set[K]) -> dict[K, Number | None]:
    return {key: (None if key in hidden else value) for key, value in values.items()}


def cube_lines(
    hierarchy: Mapping[K, Sequence[K]], rows: Sequence[str], breakdowns: Sequence[tuple[str, Sequence[str]]]
) -> list[Line[tuple[K, str]]]:
    """Lines of a table over periods: every row of a parent period (a quarter, a year) is the sum of
    that row in its child periods (months, quarters), and in every period each breakdown's rows
    add up to their total row. Keys are (period, row)."""
    periods = set(hierarchy) | {child for children in hierarchy.values() for child in children}
    lines: list[Line[tuple[K, str]]] = []
    for parent, children in hierarchy.items():
        for row in rows:
            lines.append(((parent, row), [(child, row) for child in children]))
    for period in sorted(periods, key=repr):
        for total, parts in breakdowns:
            lines.append(((period, total), [(period, part) for part in parts]))
    return lines
