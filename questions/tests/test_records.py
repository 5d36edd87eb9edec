"""Answers are part of the person's record: in their subject access export, and destroyed with
the record under the retention schedule (the question itself stays, with others' answers)."""

from __future__ import annotations

from conftest import World
from people.models import Person
from questions.models import Answer, Question
from questions.tests.factories import AnswerFactory, QuestionFactory
from records import retention
from records.models import RetentionReview
from records.subject_access import export_person
from records.tests.test_retention import person_last_seen, years_ago
from referrals.tests.factories import ReferralFactory


def test_the_subject_access_export_includes_the_answers_with_the_wording_asked(world: World) -> None:
    person = world.caseload_person
    question = QuestionFactory.create(wording="Are you a carer?", answer_type="yes_no", choices="")
    AnswerFactory.create(question=question, person=person, value="Yes")
    question.wording = "Do you look after someone?"
    question.save()
    AnswerFactory.create(question=question, person=world.stranger, value="No")
    records = export_person(person)["sections"]["questions.Answer"]["records"]
    assert len(records) == 1
    assert records[0]["Question asked"] == "Are you a carer?" and records[0]["Answer"] == "Yes"


def test_destroying_a_record_destroys_its_answers_and_keeps_the_question(world: World) -> None:
    gone = person_last_seen(years_ago(21))
    kept = world.caseload_person
    question = QuestionFactory.create()
    AnswerFactory.create(question=question, person=gone, referral=ReferralFactory.create(person=gone, received_at=gone.created_at))
    AnswerFactory.create(question=question, person=gone)
    AnswerFactory.create(question=question, person=kept)
    retention.run_retention_review(today=years_ago(0))
    review = RetentionReview.objects.get(person_id=gone.pk)
    stub = retention.destroy(by=world.admin, review=review)
    assert not Person.objects.filter(pk=gone.pk).exists()
    assert stub.counts["questions.Answer"] == 2
    assert list(Answer.objects.values_list("person_id", flat=True)) == [kept.pk]
    assert Question.objects.filter(pk=question.pk).exists()
