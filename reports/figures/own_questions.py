"""The service's own monitoring questions (questions app): people by answer, for a period.

Counted for each yes or no and list question a manager marked "monitoring": the people who gave
each answer in the period (a person who answered twice differently is counted under each answer).
A restricted viewer sees them through core.disclosure: a yes or no and a one-choice question's
answers add up to its total (one line); a several-choices question's answers overlap, so they are
suppressed on their own and its total is the people who answered."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from core import disclosure
from core.disclosure import NOT_SHOWN
from core.periods import Period
from questions.models import Answer, Question
from reports.figures.service import during
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


def _counts(questions: list[Question], period: Period) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    """People by (question, answer), and people who answered each question: two grouped queries."""
    answers = Answer.objects.filter(during("answered_at", period), question__in=[q.pk for q in questions])
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


def monitoring_tables(period: Period, *, suppressed: bool) -> list[QuestionTable]:
    questions = monitoring_questions()
    if not questions:
        return []
    by_value, answered = _counts(questions, period)
    tables = []
    for question in questions:
        labels = question.choice_list()
        labels += sorted({value for (qid, value) in by_value if qid == question.pk and value not in labels})  # choices since removed
        values: dict[str, int] = {label: by_value.get((question.pk, label), 0) for label in labels}
        overlapping = question.answer_type == Question.AnswerType.SEVERAL_CHOICES
        total = answered.get(question.pk, 0) if overlapping else sum(values.values())
        hidden: set[str] = set()
        if suppressed:
            figures = {**values, "\0total": total}
            lines: list[disclosure.Line[str]] = [] if overlapping else [("\0total", labels)]
            hidden = disclosure.protect(figures, lines)
        shown_total = None if "\0total" in hidden else total
        rows = []
        for label in labels:
            shown = None if label in hidden else values[label]
            share = (
                ""
                if not total
                else (f"{round(100 * values[label] / total)}%" if disclosure.derived_shown(shown, shown_total) else NOT_SHOWN)
            )
            rows.append(AnswerRow(label, shown, share))
        tables.append(
            QuestionTable(
                f"question-{question.pk}",
                question.wording,
                question.get_place_display(),
                rows,
                shown_total,
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
