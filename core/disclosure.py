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
from typing import TypeVar

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
    while True:
        _complete_lines(values, lines, hidden, limit)
        determined = determined_keys(values, lines, hidden)
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


def determined_keys(values: Mapping[K, Number], lines: Sequence[Line[K]], hidden: set[K]) -> set[K]:
    """Hidden keys whose value follows exactly from the shown figures and the lines.

    Reduced row echelon form (modulo a large prime) of the lines restricted to the hidden keys: a
    hidden key is determined when a reduced row has it as its only unknown; and because hidden
    figures are never 0, a reduced row whose unknowns all have positive whole coefficients and whose
    shown side equals the sum of those coefficients makes every one of them 1 ("all ones")."""
    keys = sorted(hidden, key=repr)
    order = {key: index for index, key in enumerate(keys)}
    rhs_column = len(keys)  # the shown side of the equation, kept in the same row
    rows: list[dict[int, int]] = []
    for total, parts in lines:
        row: dict[int, int] = {}
        for key, sign in ((total, 1), *((part, -1) for part in parts)):
            column = order.get(key, rhs_column)
            contribution = sign if key in order else -sign * int(values[key])
            row[column] = (row.get(column, 0) + contribution) % _PRIME
        row = {column: value for column, value in row.items() if value}
        if any(column != rhs_column for column in row):
            rows.append(row)
    pivots: dict[int, dict[int, int]] = {}  # pivot column -> its reduced row
    for row in rows:
        for column, pivot_row in pivots.items():
            factor = row.get(column)
            if factor:
                for c, v in pivot_row.items():
                    row[c] = (row.get(c, 0) - factor * v) % _PRIME
                row = {c: v for c, v in row.items() if v}
        unknowns = [c for c in row if c != rhs_column]
        if not unknowns:
            continue
        column = min(unknowns)
        inverse = pow(row[column], _PRIME - 2, _PRIME)
        row = {c: v * inverse % _PRIME for c, v in row.items()}
        for other_column, other in pivots.items():  # keep every pivot row reduced
            factor = other.get(column)
            if factor:
                for c, v in row.items():
                    other[c] = (other.get(c, 0) - factor * v) % _PRIME
                pivots[other_column] = {c: v for c, v in other.items() if v}
        pivots[column] = row
    found: set[K] = set(_held_at_one(values, lines, hidden))
    for row in pivots.values():
        of_unknowns = {c: v for c, v in row.items() if c != rhs_column}
        if len(of_unknowns) == 1:
            found.update(keys[c] for c in of_unknowns)
            continue
        for scale in (1, _PRIME - 1):  # the row or its negative
            coefficients = [v * scale % _PRIME for v in of_unknowns.values()]
            shown_side = row.get(rhs_column, 0) * scale % _PRIME
            if all(0 < c < 1000 for c in coefficients) and shown_side == sum(coefficients):
                found.update(keys[c] for c in of_unknowns)
    return found


def _held_at_one(values: Mapping[K, Number], lines: Sequence[Line[K]], hidden: set[K]) -> set[K]:
    """Hidden figures of 1 that the lines hold at 1 because no hidden figure can be below 1 (the
    "all ones" case across several lines, e.g. two columns' totals minus a row's total): for each,
    the most it could be given the shown figures (a small linear programme over the hidden figures
    tied to it) is below 2."""
    ones = {key for key in hidden if values[key] == 1}
    if not ones:
        return set()
    tied: dict[K, list[int]] = {}
    relevant = [index for index, (total, parts) in enumerate(lines) if total in hidden or any(p in hidden for p in parts)]
    for index in relevant:
        total, parts = lines[index]
        for key in (total, *parts):
            if key in hidden:
                tied.setdefault(key, []).append(index)
    held: set[K] = set()
    done: set[K] = set()
    for one in sorted(ones, key=repr):
        if one in done:
            continue
        component, line_indexes, frontier = {one}, set(), [one]
        while frontier:  # the hidden figures tied to this one through lines
            key = frontier.pop()
            for index in tied.get(key, []):
                if index not in line_indexes:
                    line_indexes.add(index)
                    total, parts = lines[index]
                    for item in (total, *parts):
                        if item in hidden and item not in component:
                            component.add(item)
                            frontier.append(item)
        done |= component & ones
        keys = sorted(component, key=repr)
        order = {key: index for index, key in enumerate(keys)}
        equations: list[tuple[list[float], float]] = []
        for index in sorted(line_indexes):
            total, parts = lines[index]
            row = [0.0] * len(keys)
            shown = 0.0
            for key, sign in ((total, 1), *((part, -1) for part in parts)):
                if key in order:
                    row[order[key]] += sign
                else:
                    shown -= sign * float(values[key])
            equations.append((row, shown - sum(row)))  # with y = x − 1 ≥ 0: row · y = shown − sum(row)
        if not equations:
            continue
        tableau = _feasible_tableau(equations)
        for key in component & ones:
            most = _maximum(tableau, order[key], len(keys))
            if most is not None and most < 0.5:  # whole numbers: y cannot reach 1, so x is 1
                held.add(key)
    return held


_EPSILON = 1e-9


def _pivot(tableau: list[list[float]], basis: list[int], r: int, c: int) -> None:
    factor = tableau[r][c]
    tableau[r] = [v / factor for v in tableau[r]]
    pivot_row = tableau[r]
    for i, row in enumerate(tableau):
        f = row[c]
        if i != r and abs(f) > _EPSILON:
            tableau[i] = [a - f * b for a, b in zip(row, pivot_row, strict=True)]
    basis[r] = c


def _run(tableau: list[list[float]], basis: list[int], costs: list[float], allowed: int) -> bool:
    """Maximise costs · y over the tableau (Bland's rule). False when unbounded."""
    width = len(tableau[0])
    reduced = [costs[c] if c < len(costs) else 0.0 for c in range(width)]
    for i, b in enumerate(basis):  # price out the basic columns
        if costs[b]:
            reduced = [z - costs[b] * v for z, v in zip(reduced, tableau[i], strict=True)]
    for _ in range(10_000):
        entering = next((c for c in range(allowed) if reduced[c] > _EPSILON and c not in basis), None)
        if entering is None:
            return True
        ratios = [(tableau[i][-1] / tableau[i][entering], basis[i], i) for i in range(len(tableau)) if tableau[i][entering] > _EPSILON]
        if not ratios:
            return False
        row = min(ratios)[2]
        _pivot(tableau, basis, row, entering)
        factor = reduced[entering]
        reduced = [z - factor * v for z, v in zip(reduced, tableau[row], strict=True)]
    return True


def _feasible_tableau(equations: list[tuple[list[float], float]]) -> tuple[list[list[float]], list[int]]:
    """Phase one of the simplex: a basic feasible solution of row · y = rhs, y ≥ 0."""
    width = len(equations[0][0])
    tableau = []
    for row, rhs in equations:
        if rhs < 0:
            row, rhs = [-v for v in row], -rhs
        tableau.append([*row, *([0.0] * len(equations)), rhs])
    for index, row in enumerate(tableau):
        row[width + index] = 1.0
    basis = [width + index for index in range(len(tableau))]
    _run(tableau, basis, [0.0] * width + [-1.0] * len(tableau), width + len(tableau))
    for i, c in enumerate(basis):
        if c >= width:
            swap = next((j for j in range(width) if abs(tableau[i][j]) > _EPSILON), None)
            if swap is not None:
                _pivot(tableau, basis, i, swap)
    return tableau, basis


def _maximum(start: tuple[list[list[float]], list[int]], target: int, width: int) -> float | None:
    """The largest y[target] from a feasible tableau; None when unbounded."""
    tableau, basis = [list(row) for row in start[0]], list(start[1])
    costs = [0.0] * (len(tableau[0]) - 1)
    costs[target] = 1.0
    if not _run(tableau, basis, costs, width):
        return None
    return next((tableau[i][-1] for i, c in enumerate(basis) if c == target), 0.0)


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


def cube_lines(hierarchy: Mapping[K, Sequence[K]], rows: Sequence[str], breakdowns: Sequence[tuple[str, Sequence[str]]]) -> list[Line]:
    """Lines of a table over periods: every row of a parent period (a quarter, a year) is the sum of
    that row in its child periods (months, quarters), and in every period each breakdown's rows
    add up to their total row. Keys are (period, row)."""
    periods = set(hierarchy) | {child for children in hierarchy.values() for child in children}
    lines: list[Line] = []
    for parent, children in hierarchy.items():
        for row in rows:
            lines.append(((parent, row), [(child, row) for child in children]))
    for period in sorted(periods, key=repr):
        for total, parts in breakdowns:
            lines.append(((period, total), [(period, part) for part in parts]))
    return lines
