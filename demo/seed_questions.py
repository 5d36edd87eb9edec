"""The service's own questions in the demo: a local referral question ("How did you hear about
us?", one choice), a commissioner's monitoring question ("Are you a carer?", yes or no, on the
person's record), a contact question (yes or no) and a retired one, each with answers, so the referral page, the person page and
the equality report show them."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

from accounts.models import User
from enablement.models import Contact
from people.models import Person
from questions.models import Answer, Question
from referrals.models import Referral

HEARD_ABOUT_US = ["From my GP", "From a friend or family member", "From a community group", "Online", "Another way"]


def seed_questions(*, rng: random.Random, users: dict[str, User], people: list[Person], now: datetime) -> None:
    manager = users["manager"]
    heard = Question(
        place=Question.Place.REFERRAL,
        wording="How did the person hear about us?",
        hint="Ask them: it helps us reach people who do not know about the service",
        answer_type=Question.AnswerType.ONE_CHOICE,
        choices="\n".join(HEARD_ABOUT_US),
        order=10,
        monitoring=True,
        created_by=manager,
    )
    heard_public = Question(
        place=Question.Place.SELF_REFERRAL,
        wording="How did you hear about us?",
        answer_type=Question.AnswerType.ONE_CHOICE,
        choices="\n".join(HEARD_ABOUT_US),
        order=10,
        created_by=manager,
    )
    carer = Question(
        place=Question.Place.PERSON,
        wording="Are you a carer?",
        hint="Someone who looks after a family member, partner or friend who could not manage without their help",
        answer_type=Question.AnswerType.YES_NO,
        required=True,
        order=10,
        monitoring=True,
        created_by=manager,
    )
    internet = Question(
        place=Question.Place.REFERRAL,
        wording="Can the person get online at home?",
        answer_type=Question.AnswerType.YES_NO,
        order=20,
        retired=True,
        created_by=manager,
    )
    went_out = Question(
        place=Question.Place.CONTACT,
        wording="Did the person leave the house for this contact?",
        answer_type=Question.AnswerType.YES_NO,
        order=10,
        monitoring=True,
        created_by=manager,
    )
    Question.objects.bulk_create([heard, heard_public, carer, internet, went_out])
    answers: list[Answer] = []
    for referral in Referral.objects.only("pk", "person_id", "received_at").iterator():
        if rng.random() < 0.7:
            answers.append(_answer(heard, referral.person_id, referral.pk, rng.choice(HEARD_ABOUT_US), manager, referral.received_at))
        if rng.random() < 0.4:  # asked before the question was retired; the answers are kept
            answers.append(_answer(internet, referral.person_id, referral.pk, rng.choice(["Yes", "No"]), manager, referral.received_at))
    for person in people:
        if rng.random() < 0.5:
            answered = now - timedelta(days=rng.randint(1, 700))
            answers.append(_answer(carer, person.pk, None, "Yes" if rng.random() < 0.2 else "No", manager, answered))
    for contact in Contact.objects.filter(outcome=Contact.Outcome.ATTENDED).only("pk", "person_id", "recorded_at").iterator():
        if rng.random() < 0.6:
            answer = _answer(went_out, contact.person_id, None, "Yes" if rng.random() < 0.6 else "No", manager, contact.recorded_at)
            answer.contact_id = contact.pk
            answers.append(answer)
    Answer.objects.bulk_create(answers, batch_size=5000)


def _answer(question: Question, person_id: uuid.UUID, referral_id: int | None, value: str, by: User, at: datetime) -> Answer:
    return Answer(
        question=question,
        person_id=person_id,
        referral_id=referral_id,
        wording_asked=question.wording,
        value=value,
        answered_by=by,
        answered_at=at,
    )
