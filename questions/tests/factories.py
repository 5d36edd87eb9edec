from __future__ import annotations

import factory

from people.tests.factories import PersonFactory
from questions.models import Answer, Question


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    class Meta:
        model = Question

    place = Question.Place.REFERRAL
    wording = "How did you hear about us?"
    answer_type = Question.AnswerType.ONE_CHOICE
    choices = "From my GP\nFrom a friend\nOnline"
    order = 10


class AnswerFactory(factory.django.DjangoModelFactory[Answer]):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    person = factory.SubFactory(PersonFactory)
    wording_asked = factory.LazyAttribute(lambda answer: answer.question.wording)
    value = "From a friend"
