"""Cohort outcomes (outcomes/cohorts.py) read from the figures store (reports/store.py, issue 22).

Outcomes cannot import reports (a layer above it), so reports registers here, from its
AppConfig.ready(), what the cohort page reads through `outcomes.cohorts.kept`: a block over the
store's set of the page's own figures ("cohorts", one per period and scope) and `grouped` as a
stored figure. What is stored is each grouping's raw aggregates (`outcomes.cohorts.grouped`:
people paired, mean and sum of squares of the change, improved, deteriorated, mean latest score),
unsuppressed, per instrument, grouping, period and scope; names, intervals and suppression
(`outcomes.cohorts.published`, core.disclosure) are worked out from them as the page is read,
exactly as from raw rows. Measurements mark the sets of their dates stale (reports/signals.py);
caseload entries (by worker) and episodes (a team's people) are not dated by the period they
count in, so a change to one marks the cohort sets (of a team, for episodes) of every period.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date

from django.conf import settings
from django.utils import timezone

from accounts.teams import Scope
from core.periods import TWELVE_MONTHS, Period
from outcomes import cohorts
from outcomes.models import Instrument
from reports import store
from reports.figures import service
from reports.figures.codec import CodecError, decode
from reports.models import FigureSet

PART = "cohorts"

grouped = service.stored(cohorts.grouped)
NAME = f"{cohorts.grouped.__module__}.{cohorts.grouped.__qualname__}"


def twelve_months_to(day: date) -> Period:
    """The cohort page's default period: the last 12 months, `day` included."""
    return Period(TWELVE_MONTHS, cohorts.default_start(day), day)


@contextmanager
def _block(period: Period, scope: Scope | None) -> Iterator[store.Freshness | None]:
    with store.figures(period, scope, part=PART) as fresh:
        yield fresh


def block(period: Period, scope: Scope | None) -> AbstractContextManager[store.Freshness | None]:
    return _block(period, scope)


def register() -> None:
    cohorts.register_keeper(cohorts.Keeper(block=block, grouped=grouped))


def instruments_kept() -> list[Instrument]:
    """The measures a rebuild computes ahead: the routine measures and PHQ-9."""
    codes = {*settings.STAR_ROUTINE_MEASURES, "PHQ9"}
    return list(Instrument.objects.filter(code__in=codes).exclude(scoring_rule="profile").order_by("code"))


def compute_cohort_figures(period: Period, scope: Scope | None) -> None:
    """Store every grouping of the kept measures for the period and scope."""
    with store.figures(period, scope, part=PART):
        for instrument in instruments_kept():
            for group_by in cohorts.GROUPINGS:
                grouped(instrument, group_by=group_by, start=period.start, end=period.end, scope=scope)


def roll_forward(today: date | None = None) -> int:
    """The last 12 months move on a day at midnight: compute today's set of each scope with the
    figures its set of an earlier day held, and drop the old sets (the every-minute job, so the
    page's first view of the day reads stored figures too). Returns the number of sets made."""
    today = timezone.localdate() if today is None else today
    period = twelve_months_to(today)
    made = 0
    for entry in FigureSet.objects.filter(kind=TWELVE_MONTHS, end__lt=today, scope__startswith=f"{PART}|").order_by("-end"):
        _, scope = store.part_of(entry.scope)
        if not FigureSet.objects.filter(kind=TWELVE_MONTHS, start=period.start, scope=entry.scope).exists():
            with store.figures(period, scope, part=PART):
                for key in json.loads(entry.figures):
                    name, _, arguments = json.loads(key)
                    try:
                        kwargs = decode(arguments) if name == NAME else None
                    except (CodecError, LookupError):  # an instrument since deleted
                        kwargs = None
                    if kwargs is not None:
                        grouped(**{**kwargs, "start": period.start, "end": period.end})
            made += 1
        entry.delete()
    return made
