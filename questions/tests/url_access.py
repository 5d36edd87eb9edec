from conftest import World
from questions.models import Question
from questions.tests.factories import QuestionFactory
from star.tests.access_matrix import NOT_FOUND, OK, case


def question(world: World) -> dict[str, object]:
    return {"question_id": QuestionFactory.create().pk}


def caseload_person(world: World) -> dict[str, object]:
    QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type=Question.AnswerType.YES_NO, choices="")
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


EXPECTATIONS = {
    "questions:list": case(manager=OK),
    "questions:new": case(manager=OK),
    "questions:edit": case(manager=OK, kwargs=question),
    "questions:person_answers": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="no relationship: not found"),
    ],
}
