"""Every change to the service's own questions, and recording answers. All audited."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from audit.services import Action, record_event
from core.written import rows_written
from people.services import lock_person_for_edit
from questions.forms import AnswersForm, field_name
from questions.models import Answer, Question

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person

AUDITED_FIELDS = ("place", "wording", "hint", "answer_type", "choices", "required", "order", "monitoring", "retired")


def asked_at(place: str) -> list[Question]:
    """The questions asked at a place today, in order (one query)."""
    return list(Question.objects.filter(place=place, retired=False).order_by("order", "pk"))


def any_asked_on_record() -> bool:
    return Question.objects.filter(place=Question.Place.PERSON, retired=False).exists()


@transaction.atomic
def save_question(*, by: User, question: Question) -> Question:
    """Add a question or change one. Answers already given keep the wording they were asked with."""
    creating = question.pk is None
    now = timezone.now()
    if creating:
        question.created_by, question.created_at = by, now
    question.updated_at = now
    question.save()
    record_event(
        user=by,
        action=Action.CREATE if creating else Action.UPDATE,
        obj=question,
        detail={"question": {name: str(getattr(question, name)) for name in AUDITED_FIELDS}},
    )
    return question


def record_answers(
    *,
    by: User | None,
    person: Person,
    form: AnswersForm,
    referral: Model | None = None,
    contact: Model | None = None,
) -> list[Answer]:
    """The answers given on a form, saved with the wording asked (one insert), with the referral
    or contact they were given on. Call inside the transaction that saves that record."""
    now = timezone.now()
    answers = [
        Answer(
            question=question,
            person=person,
            referral_id=referral.pk if referral else None,
            contact_id=contact.pk if contact else None,
            wording_asked=question.wording,
            value=value,
            answered_by=by,
            answered_at=now,
        )
        for question, value in form.answers()
    ]
    if answers:
        Answer.objects.bulk_create(answers)
        rows_written(Answer, answers)  # the reports' stored figures (bulk inserts send no signals)
        record_event(
            user=by,
            action=Action.CREATE,
            person_id=person.pk,
            obj=contact or referral,
            detail={"answers": [answer.question_id for answer in answers]},
        )
    return answers


def _as_form_value(question: Question, value: str) -> Any:
    kinds = Question.AnswerType
    try:
        if question.answer_type == kinds.SEVERAL_CHOICES:
            return value.splitlines()
        if question.answer_type == kinds.DATE:
            return datetime.date.fromisoformat(value)
        if question.answer_type == kinds.WHOLE_NUMBER:
            return int(value)
    except ValueError:
        return value
    return value


def _record_answers(person: Person, questions: Sequence[Question]) -> dict[int, Answer]:
    return {
        answer.question_id: answer
        for answer in Answer.objects.filter(
            person=person, referral__isnull=True, contact__isnull=True, question__in=[q.pk for q in questions]
        )
    }


def answers_on_record(person: Person, questions: Sequence[Question]) -> dict[str, Any]:
    """The answers on the person's record to these questions, as the form holds them (one query)."""
    held = _record_answers(person, questions)
    return {field_name(q): _as_form_value(q, held[q.pk].value) for q in questions if q.pk in held}


def lock_answers_for_edit(person: Person, questions: Sequence[Question]) -> dict[str, Any]:
    """What is saved now, with the person's row locked until the end of the transaction."""
    lock_person_for_edit(person)
    return answers_on_record(person, questions)


def save_answers_on_record(*, by: User, person: Person, form: AnswersForm) -> list[int]:
    """The person's record holds one answer to each question: changed ones are rewritten with the
    wording asked now, cleared ones removed. Returns the questions whose answer changed (audited)."""
    held = _record_answers(person, form.questions)
    given = dict(form.answers())
    now = timezone.now()
    changed: list[int] = []
    for question in form.questions:
        old, new = held.get(question.pk), given.get(question)
        if old is not None and new is None:
            old.delete()
        elif old is None and new is not None:
            Answer.objects.create(
                question=question, person=person, wording_asked=question.wording, value=new, answered_by=by, answered_at=now
            )
        elif old is not None and new is not None and (old.value != new or old.wording_asked != question.wording):
            old.value, old.wording_asked, old.answered_by, old.answered_at = new, question.wording, by, now
            old.save(update_fields=["value", "wording_asked", "answered_by", "answered_at"])
        else:
            continue
        changed.append(question.pk)
    if changed:
        record_event(user=by, action=Action.UPDATE, person_id=person.pk, obj=person, detail={"answers": changed})
    return changed
