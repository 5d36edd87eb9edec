"""Signposting figures for managers and commissioners: where people were signposted, by topic, and
what came of it. Counts only, through the one disclosure control (core.disclosure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from core import disclosure
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


def raw_counts(*, start: date, end: date) -> dict[tuple[str, str], int]:
    """(category or "all", measure) → count, in one grouped query."""
    values: dict[tuple[str, str], int] = {(key, measure): 0 for key in [*Category.values, "all"] for measure in MEASURES}
    grouped = (
        Signposting.objects.filter(signposted_on__gte=start, signposted_on__lte=end)
        .values_list("resource__category", "answer")
        .annotate(count=Count("id"))
        .order_by()
    )
    for category, answer, count in grouped:
        measure = {FollowUpAnswer.GOT_THERE: "got_there", FollowUpAnswer.NOT_RIGHT: "not_right"}.get(answer, "waiting")
        for key in (category, "all"):
            values[(key, "signposted")] += count
            values[(key, measure)] += count
    return values


def signposting_figures(*, start: date, end: date, unsuppressed: bool = False) -> list[Row]:
    """One row per topic and a total row; small numbers hidden unless `unsuppressed`."""
    values = raw_counts(start=start, end=end)
    keys = [*Category.values, "all"]
    lines: list[disclosure.Line[tuple[str, str]]] = [((key, "signposted"), [(key, m) for m in MEASURES[1:]]) for key in keys]
    lines += [(("all", measure), [(key, measure) for key in Category.values]) for measure in MEASURES]
    hidden = set() if unsuppressed else disclosure.protect(values, lines)
    shown = disclosure.published(values, hidden)
    labels = dict(Category.choices) | {"all": "All topics"}
    return [Row(labels[key], *(None if shown[(key, m)] is None else int(shown[(key, m)] or 0) for m in MEASURES)) for key in keys]
