"""The cohort query as it was before issue 22 (per-person subqueries), kept only as the reference
the one grouped pass is compared with (outcomes/tests/test_cohort_query.py). Not used by the app.


For each person, subqueries pick the first and last completed score of the instrument in the
period; people with at least two are paired; the database then groups and aggregates. Python only
turns the aggregates into a confidence interval and applies small-number suppression.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, DateField, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import TruncQuarter

from accounts.models import User
from community.models import Project
from outcomes.models import Instrument, Measurement
from people.models import CaseloadEntry, Person

GROUPINGS = {
    "all": "Everyone",
    "worker": "By worker",
    "project": "By user-led project they belong to",
    "quarter": "By quarter of the last measurement",
}

# Two-sided 95% critical values of Student's t, by degrees of freedom.
T_95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086,
        21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042,
        40: 2.021, 60: 2.000, 120: 1.980}  # fmt: skip


def t_critical(df: int) -> float:
    if df in T_95:
        return T_95[df]
    larger = [key for key in T_95 if key >= df]
    return T_95[min(larger)] if larger else 1.960


@dataclass(frozen=True)
class CohortRow:
    label: str
    people: int
    suppressed: bool
    mean_change: Decimal | None = None
    ci_low: Decimal | None = None
    ci_high: Decimal | None = None
    improved: int = 0
    no_change: int = 0
    deteriorated: int = 0
    mean_latest: Decimal | None = None

    def share(self, count: int) -> str:
        return f"{round(100 * count / self.people)}%" if self.people and not self.suppressed else ""


def paired_people(instrument: Instrument, *, start: date | None = None, end: date | None = None) -> QuerySet[Person]:
    """One row per person with at least two completed scores in the period: first, last, change."""
    scored = Measurement.objects.filter(instrument=instrument, status=Measurement.Status.COMPLETE, score__isnull=False)
    if start:
        scored = scored.filter(measured_on__gte=start)
    if end:
        scored = scored.filter(measured_on__lte=end)
    own = scored.filter(person=OuterRef("pk"))
    score_field = DecimalField(max_digits=7, decimal_places=2)
    first = own.order_by("measured_on", "pk").values("score")[:1]
    last = own.order_by("-measured_on", "-pk")
    worker = CaseloadEntry.objects.filter(person=OuterRef("pk"), ended_at__isnull=True).order_by("started_at", "pk").values("worker")[:1]
    # Only people with two or more scores in the period, found in one grouped pass, get the
    # per-person subqueries: filtering on a per-person count subquery ran them for every person
    # (a million on the large data set).
    twice = scored.order_by().values("person").annotate(c=Count("pk")).filter(c__gte=2).values("person")
    return (
        Person.objects.order_by()
        .filter(pk__in=twice)
        .annotate(
            first_score=Subquery(first, output_field=score_field),
            last_score=Subquery(last.values("score")[:1], output_field=score_field),
            last_on=Subquery(last.values("measured_on")[:1], output_field=DateField()),
            worker_id=Subquery(worker),
        )
        .annotate(change=F("last_score") - F("first_score"))
    )


def paired_change(instrument: Instrument, *, group_by: str = "all", start: date | None = None, end: date | None = None) -> list[CohortRow]:
    threshold = instrument.threshold if instrument.threshold is not None else Decimal("0")
    if instrument.higher_is_better:
        improved, deteriorated = Q(change__gte=threshold), Q(change__lte=-threshold)
    else:
        improved, deteriorated = Q(change__lte=-threshold), Q(change__gte=threshold)
    people = paired_people(instrument, start=start, end=end)
    if group_by == "worker":
        people = people.annotate(group=F("worker_id"))
    elif group_by == "project":
        # A person who belongs to several projects counts once in each of them.
        people = people.annotate(group=F("project_memberships__project_id"))
    elif group_by == "quarter":
        people = people.annotate(group=TruncQuarter("last_on", output_field=DateField()))
    else:
        people = people.annotate(group=Value("all"))
    rows = (
        people.values("group")
        .annotate(
            n=Count("pk"),
            mean=Avg("change"),
            # Sum of squares rather than StdDev: SQLite's sample SD fails on a group of one.
            sum_of_squares=Sum(F("change") * F("change")),
            up=Count("pk", filter=improved),
            down=Count("pk", filter=deteriorated),
            latest=Avg("last_score"),
        )
        .order_by("group")
    )
    figures = list(rows)
    names: dict[Any, str] = {}
    if group_by == "worker":
        ids = [row["group"] for row in figures if row["group"] is not None]
        names = {user.pk: user.display_name for user in User.objects.filter(pk__in=ids)}
    if group_by == "project":
        ids = [row["group"] for row in figures if row["group"] is not None]
        names = {project.pk: project.name for project in Project.objects.filter(pk__in=ids)}
    minimum = settings.STAR_SUPPRESSION_THRESHOLD
    result = []
    for row in figures:
        label = _label(group_by, row["group"], names)
        n = row["n"]
        if n == 0:
            continue
        if n < minimum:
            result.append(CohortRow(label=label, people=n, suppressed=True))
            continue
        mean = float(row["mean"])
        variance = (float(row["sum_of_squares"]) - n * mean * mean) / (n - 1) if n > 1 else 0.0
        sd = math.sqrt(max(variance, 0.0))
        margin = t_critical(n - 1) * sd / math.sqrt(n)
        result.append(
            CohortRow(
                label=label,
                people=n,
                suppressed=False,
                mean_change=_two(mean),
                ci_low=_two(mean - margin),
                ci_high=_two(mean + margin),
                improved=row["up"],
                deteriorated=row["down"],
                no_change=n - row["up"] - row["down"],
                mean_latest=_two(float(row["latest"])),
            )
        )
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
    return "Everyone"
