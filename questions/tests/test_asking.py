"""The forms ask the active questions, validate them like their own fields and save the answers
with the record; the record's pages show them (with the wording asked) through the same gates."""

from __future__ import annotations

import re

from django.test import Client
from django.utils.html import escape
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from questions.models import Answer, Question
from questions.tests.factories import AnswerFactory, QuestionFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from referrals.tests.test_intake import answers as referral_answers
from referrals.tests.test_self_referral import answers as self_referral_answers


def _heard() -> Question:
    return QuestionFactory.create(required=True)


def test_the_staff_referral_form_asks_and_saves_the_answers(as_worker: Client, world: World) -> None:
    heard = _heard()
    carer = QuestionFactory.create(wording="Are you a carer?", answer_type="yes_no", choices="", order=20)
    visits = QuestionFactory.create(wording="Visits to A&E this year", answer_type="whole_number", choices="", order=30)
    since = QuestionFactory.create(wording="In the area since", answer_type="date", choices="", order=40)
    needs = QuestionFactory.create(wording="What would help?", answer_type="several_choices", choices="Company\nHousing\nMoney", order=50)
    QuestionFactory.create(wording="Can they get online?", answer_type="yes_no", choices="", retired=True)
    QuestionFactory.create(wording="On the person's record only", place=Question.Place.PERSON, answer_type="short_text", choices="")
    page = as_worker.get("/referrals/new/").content.decode()
    assert "How did you hear about us?" in page and "Are you a carer?" in page and "Can they get online?" not in page
    assert "On the person" not in page and f'name="question_{needs.pk}" type="checkbox" value="Housing"' in page
    data = referral_answers(
        **{
            f"question_{heard.pk}": "From a friend",
            f"question_{carer.pk}": "Yes",
            f"question_{visits.pk}": "3",
            f"question_{since.pk}_day": "4",
            f"question_{since.pk}_month": "5",
            f"question_{since.pk}_year": "2019",
        }
    )
    data[f"question_{needs.pk}"] = ["Company", "Money"]
    response = as_worker.post("/referrals/new/", data)
    assert response.status_code == 302
    referral = Referral.objects.get()
    saved = {a.question_id: (a.value, a.wording_asked) for a in Answer.objects.filter(referral=referral, person=referral.person)}
    assert saved == {
        heard.pk: ("From a friend", "How did you hear about us?"),
        carer.pk: ("Yes", "Are you a carer?"),
        visits.pk: ("3", "Visits to A&E this year"),
        since.pk: ("2019-05-04", "In the area since"),
        needs.pk: ("Company\nMoney", "What would help?"),
    }
    assert AuditEvent.objects.filter(person_id=referral.person_id, detail__answers__isnull=False).exists()
    shown = as_worker.get(f"/referrals/{referral.pk}/").content.decode()
    assert "More about the referral" in shown and "From a friend" in shown and "4 May 2019" in shown and "Company, Money" in shown


def test_a_needed_answer_is_asked_for_in_plain_english(as_worker: Client) -> None:
    heard = _heard()
    visits = QuestionFactory.create(wording="Visits to A&E this year", answer_type="whole_number", choices="", order=30)
    response = as_worker.post("/referrals/new/", referral_answers(**{f"question_{visits.pk}": "three"}))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert escape("Choose an answer to ‘How did you hear about us?’") in page
    assert f'href="#id_question_{heard.pk}"' in page
    assert escape("‘Visits to A&E this year’ must be a whole number, like 3") in page
    assert not Referral.objects.exists() and not Answer.objects.exists()


def test_a_choice_not_on_the_list_is_refused(as_worker: Client) -> None:
    heard = _heard()
    response = as_worker.post("/referrals/new/", referral_answers(**{f"question_{heard.pk}": "Carrier pigeon"}))
    assert escape("Choose one of the answers to ‘How did you hear about us?’") in response.content.decode()
    assert not Referral.objects.exists()


def test_a_retired_question_is_not_asked_but_its_answers_show_with_the_wording_asked(as_worker: Client, world: World) -> None:
    question = QuestionFactory.create(wording="Can they get online?", answer_type="yes_no", choices="")
    referral = ReferralFactory.create(person=world.caseload_person)
    AnswerFactory.create(question=question, person=world.caseload_person, referral=referral, value="No")
    question.wording, question.retired = "Do they have the internet?", True
    question.save()
    assert "the internet" not in as_worker.get("/referrals/new/").content.decode()
    page = as_worker.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Can they get online? (no longer asked)" in page and "the internet" not in page
    person_page = as_worker.get(f"/people/{world.caseload_person.pk}/").content.decode()
    assert "Can they get online? (no longer asked)" in person_page


def test_the_public_self_referral_form_asks_its_own_questions(client: Client, db: None) -> None:
    question = QuestionFactory.create(place=Question.Place.SELF_REFERRAL, required=True)
    QuestionFactory.create(wording="Staff form only")
    page = client.get("/refer-yourself/").content.decode()
    assert "How did you hear about us?" in page and "Staff form only" not in page
    missing = client.post("/refer-yourself/", self_referral_answers())
    assert escape("Choose an answer to ‘How did you hear about us?’") in missing.content.decode()
    assert not Referral.objects.exists()
    sent = client.post("/refer-yourself/", self_referral_answers(**{f"question_{question.pk}": "Online"}))
    assert sent.status_code == 302
    answer = Answer.objects.get()
    assert answer.referral == Referral.objects.get() and answer.value == "Online" and answer.answered_by is None


def test_staff_answer_questions_on_the_persons_record(as_worker: Client, world: World) -> None:
    carer = QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type="yes_no", choices="", required=True)
    person = world.caseload_person
    detail = as_worker.get(f"/people/{person.pk}/").content.decode()
    assert f'href="/questions/person/{person.pk}/">Answer the service' in detail
    url = f"/questions/person/{person.pk}/"
    page = as_worker.get(url).content.decode()
    based_on = re.search(r'name="based_on" value="([^"]+)"', page)
    assert based_on
    refused = as_worker.post(url, {"based_on": based_on.group(1)})
    assert escape("Choose an answer to ‘Are you a carer?’") in refused.content.decode()
    assert as_worker.post(url, {"based_on": based_on.group(1), f"question_{carer.pk}": "Yes"}).status_code == 302
    assert Answer.objects.get(person=person, question=carer).value == "Yes"
    # Changed: the one answer on the record is rewritten, not doubled.
    page = as_worker.get(url).content.decode()
    based_on = re.search(r'name="based_on" value="([^"]+)"', page)
    assert based_on and 'value="Yes" checked' in page
    assert as_worker.post(url, {"based_on": based_on.group(1), f"question_{carer.pk}": "No"}).status_code == 302
    assert list(Answer.objects.filter(person=person).values_list("value", flat=True)) == ["No"]
    assert "Are you a carer?" in as_worker.get(f"/people/{person.pk}/").content.decode()


def test_answers_are_seen_only_through_the_gate(client: Client, world: World) -> None:
    """A worker sees answers about the people on their caseload, not about a stranger; a
    commissioner sees no person at all."""
    question = QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type="yes_no", choices="")
    AnswerFactory.create(question=question, person=world.stranger, value="Yes")
    sign_in(client, world.worker)
    assert client.get(f"/people/{world.stranger.pk}/").status_code == 404
    assert client.get(f"/questions/person/{world.stranger.pk}/").status_code == 404
    referral = ReferralFactory.create(person=world.stranger, status=Referral.Status.ALLOCATED)
    assert client.get(f"/referrals/{referral.pk}/").status_code == 404
    sign_in(client, world.commissioner)
    assert client.get(f"/people/{world.stranger.pk}/").status_code in (403, 404)
    sign_in(client, world.manager)
    assert "Are you a carer?" in client.get(f"/people/{world.stranger.pk}/").content.decode()
    assert AuditEvent.objects.filter(person_id=world.stranger.pk, user=world.manager, action="view").exists()


def test_the_form_and_record_pages_cost_the_same_with_many_questions_and_answers(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    person = world.caseload_person
    referral = ReferralFactory.create(person=person)
    for order in range(12):
        q = QuestionFactory.create(wording=f"Question {order}", order=order)
        p = QuestionFactory.create(wording=f"Record question {order}", order=order, place=Question.Place.PERSON)
        AnswerFactory.create(question=q, person=person, referral=referral)
        AnswerFactory.create(question=p, person=person)
    as_worker.get("/referrals/new/")  # warm the session and caches
    with django_assert_max_num_queries(25):
        assert as_worker.get("/referrals/new/").status_code == 200
    with django_assert_max_num_queries(40):
        assert as_worker.get(f"/referrals/{referral.pk}/").status_code == 200
    with django_assert_max_num_queries(60):
        assert as_worker.get(f"/people/{person.pk}/").status_code == 200
    with django_assert_max_num_queries(30):
        assert as_worker.get(f"/questions/person/{person.pk}/").status_code == 200
