"""The service's own monitoring questions (questions app): people by answer, for a period.

Counted for each yes or no and list question a manager marked "monitoring": the people who gave
each answer in the period (a person who answered twice differently is counted under each answer).
A restricted viewer sees them through core.disclosure: a yes or no and a one-choice question's
answers add up to its total (one line); a several-choices question's answers overlap, so they are
suppressed on their own and its total is the people who answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count

from core import disclosure
from core.disclosure import NOT_SHOWN
from core.periods import CALENDAR_KINDS, Period
from core.published import PeriodKey, Published, people_by_period, year_cube, year_for
from outcomes.cohorts import of_scope
from questions.models import Answer, Question
from reports.figures.service import current_scope, during, stored
from reports.tables import Table


@dataclass(frozen=True)
class AnswerRow:
    answer: str
    people: int | None  # None: not shown
    share: str


@dataclass(frozen=True)
class QuestionTable:
    key: str
    title: str
    place: str
    rows: list[AnswerRow]
    total: int | None
    retired: bool
    total_label: str


def monitoring_questions() -> list[Question]:
    return list(Question.objects.filter(monitoring=True, answer_type__in=Question.COUNTABLE_TYPES).order_by("place", "order", "pk"))


@stored
def _counts(questions: list[Question], period: Period) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    """People by (question, answer), and people who answered each question: two grouped queries."""
    # Within `service.scoped`, the scope's people's answers (as their outcomes: docs/teams.md).
    answers = Answer.objects.filter(of_scope(current_scope()), during("answered_at", period), question__in=[q.pk for q in questions])
    by_value: dict[tuple[int, str], int] = {}
    for row in answers.values("question_id", "value").annotate(n=Count("person_id", distinct=True)).order_by():
        # A several-choices answer is its choices one a line: each choice is counted.
        for choice in row["value"].splitlines():
            key = (row["question_id"], choice.strip())
            by_value[key] = by_value.get(key, 0) + row["n"]
    answered = {
        row["question_id"]: row["n"] for row in answers.values("question_id").annotate(n=Count("person_id", distinct=True)).order_by()
    }
    return by_value, answered


TOTAL = "\0total"


@stored
def _year_counts(questions: list[Question], year: Period) -> tuple[dict[date, dict[str, int]], dict[PeriodKey, dict[str, int]]]:
    """People by (question, answer) and people who answered each question, for every month,
    quarter and the year: rows named "question id\0answer" (monthly, parents), six grouped queries."""
    answers = Answer.objects.filter(during("answered_at", year), question__in=[q.pk for q in questions])

    def by_value(group: dict[str, Any]) -> list[tuple[str, int]]:
        return [(f"{group['question_id']}\0{choice.strip()}", group["n"]) for choice in group["value"].splitlines()]

    def answered(group: dict[str, Any]) -> list[tuple[str, int]]:
        return [(f"{group['question_id']}\1total", group["n"])]  # never an answer's "question id\0…"

    monthly, parents = people_by_period(answers, "answered_at", "person_id", ["question_id", "value"], by_value, year)
    months, totals = people_by_period(answers, "answered_at", "person_id", ["question_id"], answered, year)
    for month, counts in months.items():
        monthly.setdefault(month, {}).update(counts)
    for key, counts in totals.items():
        parents.setdefault(key, {}).update(counts)
    return monthly, parents


def _published(
    question: Question, labels: list[str], year_counts: tuple[dict[date, dict[str, int]], dict[PeriodKey, dict[str, int]]], year: Period
) -> Published:
    """One question's answers over a financial year, published together (core.published): a yes
    or no and a one-choice question's answers add up to its total in every period."""
    monthly_all, parents_all = year_counts
    prefix = f"{question.pk}\0"
    overlapping = question.answer_type == Question.AnswerType.SEVERAL_CHOICES

    def rows_of(counts: dict[str, int]) -> dict[str, int]:
        values = {label: counts.get(prefix + label, 0) for label in labels}
        values[TOTAL] = counts.get(f"{question.pk}\1total", 0) if overlapping else sum(values.values())
        return values

    monthly = {month: rows_of(counts) for month, counts in monthly_all.items()}
    parents = {period: rows_of(counts) for period, counts in parents_all.items()}
    return year_cube(year, monthly, [*labels, TOTAL], [] if overlapping else [(TOTAL, labels)], parents=parents)


def monitoring_tables(period: Period, *, suppressed: bool) -> list[QuestionTable]:
    """A table for each monitoring question. A restricted viewer's period (a calendar month,
    quarter or financial year) is read from its year's published figures, so that no period can
    be subtracted from another; unsuppressed figures are counted for any dates."""
    questions = monitoring_questions()
    if not questions:
        return []
    calendar = period.kind in CALENDAR_KINDS
    if suppressed and calendar:
        year = year_for(period)
        year_counts = _year_counts(questions, year)
        seen = {row for counts in [*year_counts[0].values(), *year_counts[1].values()] for row in counts}
    by_value, answered = _counts(questions, period)
    tables = []
    for question in questions:
        labels = question.choice_list()
        found = {value for (qid, value) in by_value if qid == question.pk}
        if suppressed and calendar:
            prefix = f"{question.pk}\0"
            found |= {row[len(prefix) :] for row in seen if row.startswith(prefix)}
        labels += sorted(found - set(labels))  # choices since removed
        values: dict[str, int] = {label: by_value.get((question.pk, label), 0) for label in labels}
        overlapping = question.answer_type == Question.AnswerType.SEVERAL_CHOICES
        total = answered.get(question.pk, 0) if overlapping else sum(values.values())
        shown: dict[str, int | None] = {**values, TOTAL: total}
        if suppressed and calendar:
            cube = _published(question, labels, year_counts, year)
            shown = {label: cube.get(period, label) for label in [*labels, TOTAL]}
            values, total = {label: cube.true(period, label) for label in labels}, cube.true(period, TOTAL)
        elif suppressed:  # custom dates reach here only for viewers who may choose them
            lines: list[disclosure.Line[str]] = [] if overlapping else [(TOTAL, labels)]
            hidden = disclosure.protect({**values, TOTAL: total}, lines)
            shown = {key: None if key in hidden else value for key, value in {**values, TOTAL: total}.items()}
        rows = []
        for label in labels:
            share = (
                ""
                if not total
                else (f"{round(100 * values[label] / total)}%" if disclosure.derived_shown(shown[label], shown[TOTAL]) else NOT_SHOWN)
            )
            rows.append(AnswerRow(label, shown[label], share))
        tables.append(
            QuestionTable(
                f"question-{question.pk}",
                question.wording,
                question.get_place_display(),
                rows,
                shown[TOTAL],
                question.retired,
                "People who answered" if overlapping else "Total",
            )
        )
    return tables


def as_table(table: QuestionTable) -> Table:
    """The same figures as a dashboard table, for the CSV and XLSX downloads."""
    rows = [(row.answer, [disclosure.show(row.people), row.share]) for row in table.rows]
    rows.append((table.total_label, [disclosure.show(table.total), ""]))
    return Table(table.key, table.title, ["People", "Share"], rows)
