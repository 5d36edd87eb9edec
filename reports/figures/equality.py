"""People supported by equality group, next to the local adult population (PopulationFigure).

Within `service.scoped` (docs/teams.md), the people a service or team supported: 1-to-1 work by the
person's service and the worker's team, drop-ins and groups by the project's team, as on the
dashboard's "people supported"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Coalesce

from community.models import Attendance, Session
from core import disclosure
from core.disclosure import NOT_SHOWN
from core.periods import Period
from enablement.models import Episode
from people import equality
from people.models import Person
from reports.figures.service import ATTENDANCES, EPISODES, during, in_scope, stored
from reports.models import PopulationFigure
from reports.tables import Table

AGE_BANDS = [(18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, 200)]


def _age_band(on: date) -> Case:
    whens = [
        When(
            date_of_birth__lte=on - relativedelta(years=low),
            date_of_birth__gt=on - relativedelta(years=high + 1),
            then=Value(f"{low} to {high}" if high < 200 else f"{low} and over"),
        )
        for low, high in AGE_BANDS
    ]
    return Case(*whens, When(date_of_birth__isnull=False, then=Value("Under 18")), default=Value("Not known"), output_field=CharField())


def _broad_ethnic_group() -> Case:
    groups: dict[str, list[str]] = {}
    for value, label in equality.Ethnicity2021.choices:
        groups.setdefault(label.split(":")[0] if ":" in label else "Not known", []).append(value)
    return Case(
        *[When(equality_monitoring__ethnicity__in=values, then=Value(name)) for name, values in groups.items()],
        default=Value("Not known"),
        output_field=CharField(),
    )


def _answer(question: str, choices: Any) -> Case:
    return Case(
        *[When(**{f"equality_monitoring__{question}": value}, then=Value(label)) for value, label in choices.choices],
        default=Value("Not known"),
        output_field=CharField(),
    )


QUESTIONS: dict[str, str] = {
    "ethnicity": "Ethnic group",
    "age_band": "Age",
    "sex": "Sex",
    "gender_identity": "Gender identity",
    "disability": "Disability",
    "religion": "Religion",
}


def group_labels(question: str) -> list[str]:
    if question == "ethnicity":
        return list(dict.fromkeys(label.split(":")[0] if ":" in label else "Not known" for label in equality.Ethnicity2021.labels))
    if question == "age_band":
        return [f"{low} to {high}" if high < 200 else f"{low} and over" for low, high in AGE_BANDS] + ["Under 18", "Not known"]
    choices = {
        "sex": equality.Sex,
        "gender_identity": equality.GenderIdentity,
        "disability": equality.Disability,
        "religion": equality.Religion,
    }
    return [*(str(label) for label in choices[question].labels), "Not known"]


def _group(question: str, period: Period) -> Case | Coalesce:
    if question == "ethnicity":
        return _broad_ethnic_group()
    if question == "age_band":
        return _age_band(period.end)
    choices = {
        "sex": equality.Sex,
        "gender_identity": equality.GenderIdentity,
        "disability": equality.Disability,
        "religion": equality.Religion,
    }
    return _answer(question, choices[question])


@dataclass(frozen=True)
class EqualityRow:
    group: str
    people: int | None  # None: not shown
    share: str
    population_share: str


@dataclass(frozen=True)
class EqualityTable:
    question: str
    title: str
    rows: list[EqualityRow]
    total: int | None


def supported_people(period: Period) -> Q:
    """People with an episode open during the period, or who attended a session in it. As
    `pk IN (… UNION …)`, which the database joins: per-person EXISTS tests over everyone took
    23 s a question on a national data set (1,000,000 people, 19 million attendances)."""
    overlapping = (
        Episode.objects.filter(in_scope(**EPISODES), started_on__lte=period.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        .order_by()
        .values("person_id")
    )
    attended = (
        Attendance.objects.filter(
            in_scope(**ATTENDANCES),
            session__in=Session.objects.filter(during("starts_at", period), cancelled_at__isnull=True),
        )
        .order_by()
        .values("person_id")
    )
    return Q(pk__in=overlapping.union(attended))


@stored
def _counts(question: str, period: Period) -> dict[str, int]:
    return {
        row["group"]: row["n"]
        for row in Person.objects.filter(supported_people(period))
        .annotate(group=_group(question, period))
        .values("group")
        .annotate(n=Count("id"))
        .order_by()
    }


@stored
def published_groups(period: Period) -> tuple[dict[tuple[str, str], int], set[tuple[str, str]]]:
    """Every question's groups for a restricted viewer, suppressed together: each question's groups
    add up to the same people supported, so a group hidden in one question must not be recoverable
    through another (one grouped query per question)."""
    values: dict[tuple[str, str], int] = {}
    lines: list[disclosure.Line[tuple[str, str]]] = []
    for question in QUESTIONS:
        counts = _counts(question, period)
        parts = [(question, label) for label in group_labels(question)]
        for key in parts:
            values[key] = counts.get(key[1], 0)
        values[("all", "total")] = sum(counts.values())
        lines.append((("all", "total"), parts))
    return values, disclosure.protect(values, lines)


def equality_table(question: str, period: Period, *, suppressed: bool) -> EqualityTable:
    """One grouped query for the people, one for the population."""
    population = {
        row["group"]: row["people"]
        for row in PopulationFigure.objects.filter(question=question).values("group", "people").annotate(g=F("group"))
    }
    population_total = sum(population.values())
    labels = group_labels(question)
    if suppressed:
        values, hidden = published_groups(period)
        raw = [(label, values[(question, label)]) for label in labels]
        shown: list[int | None] = [None if (question, label) in hidden else n for label, n in raw]
        shown_total = None if ("all", "total") in hidden else values[("all", "total")]
    else:
        counts = _counts(question, period)
        raw = [(label, counts.get(label, 0)) for label in labels]
        shown, shown_total = [n for _, n in raw], sum(n for _, n in raw)
    total = sum(n for _, n in raw)
    rows = []
    for (label, n), display in zip(raw, shown, strict=True):
        if n == 0 and label not in population:
            continue
        # A share is a derived figure: shown only with its count and the total.
        share = "" if not total else (f"{round(100 * n / total)}%" if disclosure.derived_shown(display, shown_total) else NOT_SHOWN)
        pop_share = f"{round(100 * population[label] / population_total)}%" if label in population and population_total else ""
        rows.append(EqualityRow(label, display, share, pop_share))
    return EqualityTable(question, QUESTIONS[question], rows, shown_total)


def as_table(table: EqualityTable) -> Table:
    """The same figures as a dashboard table, for the CSV and XLSX downloads."""
    rows = [(row.group, [disclosure.show(row.people), row.share, row.population_share]) for row in table.rows]
    rows.append(("Total", [disclosure.show(table.total), "", ""]))
    return Table(f"equality-{table.question}", table.title, ["People", "Share", "Local adults"], rows)
