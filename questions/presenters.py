"""Answers as pages write them: the wording that was asked, the answer in words."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
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
