"""Small-number suppression for every figure a commissioner can see.

One rule, shared with involvement's figures (its `suppress` is the primary and secondary algorithm:
cells from 1 to threshold − 1 are hidden, and more cells are hidden until none can be worked out by
subtraction from the total). Reports adds single figures and tables of several periods.
"""

from __future__ import annotations

from involvement.suppression import Cell, suppress, threshold

NOT_SHOWN = "Not shown"

__all__ = ["NOT_SHOWN", "Cell", "suppress", "suppress_column", "suppress_value", "threshold"]


def suppress_value(count: int, *, limit: int | None = None) -> int | None:
    """A count of people on its own: hidden when 1 to threshold − 1."""
    limit = threshold() if limit is None else limit
    return None if 0 < count < limit else count


def suppress_column(counts: list[int], *, limit: int | None = None) -> tuple[list[int | None], int | None]:
    """A column of counts that adds up to a shown total: primary and secondary suppression."""
    cells, total = suppress([(str(index), count) for index, count in enumerate(counts)], limit=limit)
    return [cell.count for cell in cells], total
