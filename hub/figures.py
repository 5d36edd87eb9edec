"""Signposting figures for managers and commissioners: where people were signposted, by topic, and
what came of it. Counts only, through the one disclosure control (core.disclosure).

A manager's figures are their service's people's, and may be narrowed to one team (docs/teams.md):
a signposting counts for the team of whoever signposted the person. A restricted viewer has no
scope (their figures are always everyone's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from accounts.teams import Scope
from core import disclosure
from core.periods import Period
from core.published import Published, monthly_counts, year_cube, year_for
from hub.models import Category, FollowUpAnswer, Signposting

MEASURES = ("signposted", "got_there", "not_right", "waiting")


@dataclass(frozen=True)
class Row:
    label: str
    signposted: int | None
    got_there: int | None
    not_right: int | None
    waiting: int | None

    def shown(self, measure: str) -> str:
        return disclosure.show(getattr(self, measure))

    @property
    def got_there_share(self) -> str:
        """Of those who answered yes or "it wasn't right", the share who got there."""
        if not disclosure.derived_shown(self.got_there, self.not_right):
            return disclosure.NOT_SHOWN
        answered = (self.got_there or 0) + (self.not_right or 0)
        return f"{round(100 * (self.got_there or 0) / answered)}%" if answered else "None answered"


def _row(key: str, measure: str) -> str:
    return f"{key}:{measure}"


KEYS = [*Category.values, "all"]
ROWS = [_row(key, measure) for key in KEYS for measure in MEASURES]
# Each topic's signposting is its three answers; each measure's "all" is the sum of the topics.
BREAKDOWNS = [(_row(key, "signposted"), [_row(key, m) for m in MEASURES[1:]]) for key in KEYS] + [
    (_row("all", measure), [_row(key, measure) for key in Category.values]) for measure in MEASURES
]


def _row_of(group: dict[str, object]) -> list[tuple[str, int]]:
    """A group of signpostings (a topic and an answer) counts in its topic and in "all"."""
    answers: dict[str, str] = {FollowUpAnswer.GOT_THERE: "got_there", FollowUpAnswer.NOT_RIGHT: "not_right"}
    measure = answers.get(str(group["answer"]), "waiting")
    n = int(str(group["n"]))
    category = str(group["resource__category"])
    return [(_row(key, m), n) for key in (category, "all") for m in ("signposted", measure)]


def _signpostings(start: date, end: date, scope: Scope | None = None) -> QuerySet[Signposting]:
    signpostings = Signposting.objects.filter(signposted_on__gte=start, signposted_on__lte=end)
    return signpostings if scope is None else signpostings.filter(scope.q(service="person__service_id", team="signposted_by__team_id"))


def published_year(year: Period) -> Published:
    """Signposting by topic and answer for every month, quarter and the whole of a financial year,
    published together (core.published): one grouped query."""
    monthly = monthly_counts(_signpostings(year.start, year.end), "signposted_on", ["resource__category", "answer"], _row_of)
    return year_cube(year, monthly, ROWS, BREAKDOWNS)


def _exact(start: date, end: date, scope: Scope | None) -> dict[str, int]:
    monthly = monthly_counts(_signpostings(start, end, scope), "signposted_on", ["resource__category", "answer"], _row_of)
    totals = dict.fromkeys(ROWS, 0)
    for counts in monthly.values():
        for row, n in counts.items():
            totals[row] += n
    return totals


def signposting_figures(period: Period, *, unsuppressed: bool = False, scope: Scope | None = None) -> list[Row]:
    """One row per topic and a total row. A restricted viewer's period is a calendar month,
    quarter or financial year, read from its year's published figures, so no period can be
    subtracted from another; a viewer who sees unsuppressed figures may ask for any dates."""
    if unsuppressed:
        exact = _exact(period.start, period.end, scope)
        shown: dict[str, int | None] = dict(exact)
    else:
        cube = published_year(year_for(period))
        shown = {row: cube.get(period, row) for row in ROWS}
    labels = dict(Category.choices) | {"all": "All topics"}
    return [Row(labels[key], *(shown[_row(key, m)] for m in MEASURES)) for key in KEYS]
