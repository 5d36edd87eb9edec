"""The service's own monitoring questions on the equality page: people by answer for the period,
exact for a manager, through core.disclosure for a commissioner."""

from __future__ import annotations

import datetime

from django.test import Client

from conftest import World, sign_in
from core.periods import Period
from people.tests.factories import PersonFactory
from questions.models import Question
from questions.tests.factories import AnswerFactory, QuestionFactory
from reports.figures.own_questions import monitoring_tables

PERIOD = "?kind=quarter&start=2025-11-01"
IN_PERIOD = datetime.datetime(2025, 12, 1, 12, tzinfo=datetime.UTC)
BEFORE = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)


def _answers(question: Question, counts: dict[str, int], at: datetime.datetime = IN_PERIOD) -> None:
    for value, n in counts.items():
        for _ in range(n):
            AnswerFactory.create(question=question, person=PersonFactory.create(), value=value, answered_at=at)


def _carer() -> Question:
    return QuestionFactory.create(wording="Are you a carer?", answer_type="yes_no", choices="", monitoring=True, place="person")


def test_counts_by_answer_for_the_period(db: None) -> None:
    carer = _carer()
    _answers(carer, {"Yes": 7, "No": 12})
    _answers(carer, {"Yes": 4}, at=BEFORE)
    QuestionFactory.create(wording="Not monitored")  # not counted
    needs = QuestionFactory.create(wording="What would help?", answer_type="several_choices", choices="Company\nMoney", monitoring=True)
    _answers(needs, {"Company\nMoney": 6, "Money": 2})
    tables = monitoring_tables(Period("quarter", datetime.date(2025, 11, 1), datetime.date(2026, 1, 31)), suppressed=False)
    assert sorted(t.title for t in tables) == ["Are you a carer?", "What would help?"]
    by_title = {t.title: t for t in tables}
    assert [(r.answer, r.people) for r in by_title["Are you a carer?"].rows] == [("Yes", 7), ("No", 12)]
    assert by_title["Are you a carer?"].total == 19
    assert [(r.answer, r.people) for r in by_title["What would help?"].rows] == [("Company", 6), ("Money", 8)]
    assert by_title["What would help?"].total == 8 and by_title["What would help?"].total_label == "People who answered"


def test_a_commissioner_sees_small_numbers_suppressed_a_manager_exact(client: Client, world: World) -> None:
    carer = _carer()
    _answers(carer, {"Yes": 2, "No": 15})
    sign_in(client, world.commissioner)
    page = client.get("/reports/equality/" + PERIOD).content.decode()
    section = page.split("The service's own monitoring questions")[1]
    assert "Are you a carer?" in section
    # 2 is below the threshold; "No" is hidden too, or 17 − 15 would give it away.
    assert section.count("Not shown") >= 2 and ">2<" not in section and ">15<" not in section
    csv = client.get(f"/reports/tables/question-{carer.pk}.csv" + PERIOD).content.decode()
    assert "Are you a carer?" in csv or "Yes" in csv
    assert "Not shown" in csv and ",2," not in csv
    sign_in(client, world.manager)
    exact = client.get("/reports/equality/" + PERIOD).content.decode().split("The service's own monitoring questions")[1]
    assert ">2<" in exact and ">15<" in exact and ">17<" in exact
