"""The fast disclosure check agrees with the slow one it replaced.

`reference_determined` is the pure-Python check `core.disclosure` used until HiGHS (reduced row
echelon form of all the lines each time, and a dense simplex for hidden 1s held at 1), kept here
as the reference. On generated tables and cubes, with hidden cells chosen at random, the fast
check finds the same determined cells, and `protect` hides the same cells.
"""

# mypy: ignore-errors
# ruff: noqa

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import disclosure
from core.disclosure import Line, cube_lines, protect
from core.tests.test_disclosure import QUARTERS, MONTHS, grid

K = Any
Number = int
_PRIME = (1 << 61) - 1


def reference_determined(values: Mapping[K, Number], lines: Sequence[Line[K]], hidden: set[K]) -> set[K]:
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


CHECK = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _cube(months: list[tuple[int, int, int]]) -> tuple[dict[Hashable, int], list[Line[Hashable]]]:
    values: dict[Hashable, int] = {}
    for month, counts in zip(MONTHS, months, strict=True):
        for row, count in zip("abc", counts, strict=True):
            values[(month, row)] = count
    hierarchy: dict[Hashable, list[Hashable]] = {**QUARTERS, "year": list(QUARTERS)}
    for quarter in QUARTERS:
        for row in "abc":
            values[(quarter, row)] = sum(values[(m, row)] for m in QUARTERS[quarter])
    for row in "abc":
        values[("year", row)] = sum(values[(q, row)] for q in QUARTERS)
    for period in [*MONTHS, *QUARTERS, "year"]:
        values[(period, "total")] = sum(values[(period, row)] for row in "abc")
    return values, cube_lines(hierarchy, ["a", "b", "c", "total"], [("total", ["a", "b", "c"])])


tables = st.one_of(
    st.integers(2, 4).flatmap(lambda c: st.lists(st.lists(st.integers(0, 7), min_size=c, max_size=c), min_size=2, max_size=4)).map(grid),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6), st.integers(0, 2)), min_size=12, max_size=12).map(_cube),
)


@CHECK
@given(tables, st.randoms(use_true_random=False))
def test_the_fast_check_finds_what_the_reference_finds(table, rng) -> None:
    values, lines = table
    nonzero = [key for key, value in values.items() if value]
    hidden = set(rng.sample(nonzero, rng.randint(0, len(nonzero)))) if nonzero else set()
    assert disclosure.determined_keys(values, lines, hidden) == reference_determined(values, lines, hidden)


@CHECK
@given(tables)
def test_protect_hides_what_it_hid_with_the_reference(table) -> None:
    values, lines = table
    fast = protect(values, lines, limit=5)
    original = disclosure.determined_keys
    disclosure.determined_keys = lambda v, l, h, **_: reference_determined(v, l, h)
    try:
        slow = protect(values, lines, limit=5)
    finally:
        disclosure.determined_keys = original
    assert fast == slow
