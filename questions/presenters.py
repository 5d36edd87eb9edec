"""Answers as pages write them: the wording that was asked, the answer in words."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils.dateformat import format as format_date

from questions.models import Answer, Question

if TYPE_CHECKING:
    from people.models import Person


def answer_text(answer: Answer) -> str:
    if answer.question.answer_type == Question.AnswerType.DATE:
        try:
            return format_date(datetime.date.fromisoformat(answer.value), "j F Y")
        except ValueError:
            return answer.value
    if answer.question.answer_type == Question.AnswerType.SEVERAL_CHOICES:
        return ", ".join(answer.value.splitlines())
    return answer.value


def _rows(answers: list[Answer]) -> list[tuple[str, str]]:
    rows = []
    for answer in answers:
        wording = answer.wording_asked
        if answer.question.retired:
            wording = f"{wording} (no longer asked)"
        rows.append((wording, answer_text(answer)))
    return rows


def answer_rows_for_referral(referral: Model) -> list[tuple[str, str]]:
    """The answers given with this referral (one query). The caller reached the referral through its gate."""
    return _rows(list(Answer.objects.filter(referral_id=referral.pk).select_related("question").order_by("question__order", "pk")))


def answer_rows_for_person(person: Person) -> list[tuple[str, str]]:
    """The answers held about this person (one query), those given with a referral included;
    those given with a contact show with the contact. The caller reached the person through its gate."""
    answers = Answer.objects.filter(person=person, contact__isnull=True).select_related("question")
    return _rows(list(answers.order_by("question__order", "pk")))


def answer_rows_by_contact(contact_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """The answers given with each of these contacts (one query), by contact id. The caller
    reached the contacts through their episode's gate."""
    found: dict[int, list[Answer]] = defaultdict(list)
    answers = Answer.objects.filter(contact_id__in=list(contact_ids)).select_related("question").order_by("question__order", "pk")
    for answer in answers:
        assert answer.contact_id is not None
        found[answer.contact_id].append(answer)
    return {contact_id: _rows(given) for contact_id, given in found.items()}


# Which answers a list export's rows hold: a person's record, a referral's or a contact's.
ANSWERS_BY: dict[str, tuple[tuple[str, ...], str]] = {
    "person": ((Question.Place.PERSON,), "person_id"),
    "referral": ((Question.Place.REFERRAL, Question.Place.SELF_REFERRAL), "referral_id"),
    "contact": ((Question.Place.CONTACT,), "contact_id"),
}


def questions_for_export(answers_by: str) -> list[Question]:
    """The questions whose answers a list export gives a column each (one query): those asked
    where the rows were recorded, retired ones too (their answers are kept)."""
    places, _ = ANSWERS_BY[answers_by]
    return list(Question.objects.filter(place__in=places).order_by("place", "order", "pk"))


def export_heading(question: Question) -> str:
    return f"{question.wording} (no longer asked)" if question.retired else question.wording


def export_value(question: Question, value: str) -> str | int:
    """An answer as the person would read it (a whole number as a number, for spreadsheets)."""
    if question.answer_type == Question.AnswerType.WHOLE_NUMBER:
        try:
            return int(value)
        except ValueError:
            return value
    answer = Answer(question=question, value=value)
    return answer_text(answer)


def answers_for_export(questions: Sequence[Question], *, answers_by: str, ids: Iterable[object]) -> dict[object, list[str | int]]:
    """For each row id (a person, referral or contact id), its answers in the order of
    `questions`, "" where unanswered (one query a batch of rows). The caller reached the rows
    through their gate."""
    if not questions:
        return {}
    _, key = ANSWERS_BY[answers_by]
    wanted = list(ids)
    position = {question.pk: index for index, question in enumerate(questions)}
    by_pk = {question.pk: question for question in questions}
    answers = Answer.objects.filter(**{f"{key}__in": wanted}, question__in=list(by_pk))
    if answers_by == "person":
        answers = answers.filter(referral__isnull=True, contact__isnull=True)
    found: dict[object, list[str | int]] = {row_id: [""] * len(questions) for row_id in wanted}
    for row_id, question_id, value in answers.values_list(key, "question_id", "value"):
        found[row_id][position[question_id]] = export_value(by_pk[question_id], value)
    return found
