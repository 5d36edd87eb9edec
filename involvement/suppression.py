"""Small-number suppression for aggregate figures about people.

Primary: any count from 1 to threshold − 1 is hidden. Secondary: when a total is shown, hidden
cells must not be recoverable by subtraction, so while fewer than two cells are hidden, or the
hidden cells add up to less than the threshold, the next smallest cell is hidden too. A total below
the threshold is itself hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def display(self) -> str:
        return "Not shown" if self.count is None else str(self.count)


def threshold() -> int:
    return int(settings.STAR_SUPPRESSION_THRESHOLD)


def suppress(counts: list[tuple[str, int]], *, limit: int | None = None) -> tuple[list[Cell], int | None]:
    """Cells in the order given, and the total (None when suppressed)."""
    limit = threshold() if limit is None else limit
    total = sum(count for _, count in counts)
    hidden = {index for index, (_, count) in enumerate(counts) if 0 < count < limit}
    if hidden:
        by_size = sorted((count, index) for index, (_, count) in enumerate(counts) if index not in hidden and count > 0)
        while by_size and (len(hidden) < 2 or sum(counts[i][1] for i in hidden) < limit):
            hidden.add(by_size.pop(0)[1])
    cells = [Cell(label, None if index in hidden else count) for index, (label, count) in enumerate(counts)]
    return cells, (None if 0 < total < limit else total)
