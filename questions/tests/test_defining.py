"""A manager defines the service's own questions; nobody else can; every change is audited, and
rewording a question keeps the wording each past answer was given to."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from conftest import World, sign_in
from questions.models import Answer, Question
from questions.tests.factories import AnswerFactory, QuestionFactory


def definition(**changes: Any) -> dict[str, Any]:
    data = {
        "place": "referral",
        "wording": "How did you hear about us?",
        "hint": "Ask the person",
        "answer_type": "one_choice",
        "choices": "From my GP\n From a friend \n\nOnline",
        "required": "on",
        "order": "10",
        "monitoring": "on",
    }
    data.update(changes)
    return data


def test_a_manager_adds_a_question_and_it_is_audited(as_manager: Client, world: World) -> None:
    response = as_manager.post("/questions/new/", definition())
    assert response.status_code == 302 and response["Location"] == "/questions/"
    question = Question.objects.get()
    assert question.choice_list() == ["From my GP", "From a friend", "Online"]
    assert question.required and question.monitoring and not question.retired and question.created_by == world.manager
    event = AuditEvent.objects.get(object_type="questions.question", object_id=str(question.pk))
    assert event.action == "create" and event.user == world.manager and event.detail["question"]["wording"] == "How did you hear about us?"
    page = as_manager.get("/questions/").content.decode()
    assert "How did you hear about us?" in page and "One choice from a list, needed, counted in reports" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"wording": ""}, "Enter the question"),
        ({"place": ""}, "Choose where the question is asked"),
        ({"answer_type": ""}, "Choose the type of answer"),
        ({"choices": "Only one"}, "Enter at least 2 answers to choose from, one a line"),
        ({"choices": "Yes\nYes"}, "Each answer to choose from must be different"),
        ({"answer_type": "short_text", "monitoring": ""}, "Only a list question has answers to choose from"),
        ({"answer_type": "date", "choices": ""}, "Only yes or no and list questions can be counted in the reports"),
    ],
)
def test_a_definition_that_cannot_work_is_explained(as_manager: Client, changes: dict[str, str], message: str) -> None:
    response = as_manager.post("/questions/new/", definition(**changes))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not Question.objects.exists()


def test_rewording_keeps_the_wording_each_answer_was_given_to(as_manager: Client, world: World) -> None:
    question = QuestionFactory.create(wording="Do you care for someone?", answer_type="yes_no", choices="")
    answer = AnswerFactory.create(question=question, person=world.caseload_person, value="Yes")
    page = as_manager.get(f"/questions/{question.pk}/").content.decode()
    assert "Answers already given keep the wording they were asked with" in page and 'name="based_on"' in page
    data = {**definition(answer_type="yes_no", choices="", monitoring=""), "wording": "Are you a carer?", "based_on": _based_on(page)}
    assert as_manager.post(f"/questions/{question.pk}/", data).status_code == 302
    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.wording == "Are you a carer?" and answer.wording_asked == "Do you care for someone?"
    assert AuditEvent.objects.filter(object_type="questions.question", action="update").count() == 1


def test_retiring_keeps_the_answers(as_manager: Client, world: World) -> None:
    question = QuestionFactory.create()
    AnswerFactory.create(question=question, person=world.caseload_person)
    page = as_manager.get(f"/questions/{question.pk}/").content.decode()
    data = {**definition(), "retired": "on", "based_on": _based_on(page)}
    assert as_manager.post(f"/questions/{question.pk}/", data).status_code == 302
    question.refresh_from_db()
    assert question.retired and Answer.objects.filter(question=question).count() == 1
    assert "Retired" in as_manager.get("/questions/").content.decode()


def test_an_answered_question_keeps_its_type_of_answer(as_manager: Client, world: World) -> None:
    question = QuestionFactory.create()
    AnswerFactory.create(question=question, person=world.caseload_person)
    page = as_manager.get(f"/questions/{question.pk}/").content.decode()
    data = {**definition(answer_type="date", choices="", monitoring=""), "based_on": _based_on(page)}
    response = as_manager.post(f"/questions/{question.pk}/", data)
    assert "its type of answer cannot change. Retire it and add a new question" in response.content.decode()
    question.refresh_from_db()
    assert question.answer_type == Question.AnswerType.ONE_CHOICE


@pytest.mark.parametrize("role", ["worker", "commissioner", "lead", "volunteer", "member", "admin"])
def test_only_a_manager_may_define_questions(client: Client, world: World, role: str) -> None:
    question = QuestionFactory.create()
    sign_in(client, getattr(world, role))
    assert client.get("/questions/").status_code == 403
    assert client.post("/questions/new/", definition()).status_code == 403
    assert client.post(f"/questions/{question.pk}/", definition(wording="Changed")).status_code == 403
    assert Question.objects.get().wording == "How did you hear about us?"


def test_a_stranger_signed_out_gets_nothing(client: Client, world: World) -> None:
    response = client.get("/questions/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign_in"))


def _based_on(page: str) -> str:
    import re

    found = re.search(r'name="based_on" value="([^"]+)"', page)
    assert found
    return found.group(1)
