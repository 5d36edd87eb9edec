"""The dashboard's filter "people who answered <question> with <answer>": the 1-to-1 figures of
those people only, for managers; a commissioner is not offered it (its figures are not published
through core.disclosure)."""

from __future__ import annotations

import datetime

from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import World, sign_in
from core.periods import period_from
from enablement.models import Contact
from enablement.tests.factories import ContactFactory, EpisodeFactory
from people.models import Person
from people.tests.factories import PersonFactory
from questions.models import Question
from questions.tests.factories import AnswerFactory, QuestionFactory
from referrals.tests.factories import ReferralFactory
from reports.figures import answered

PERIOD = "?kind=quarter&start=2025-11-01"
IN_PERIOD = datetime.datetime(2025, 12, 1, 12, tzinfo=datetime.UTC)
DAY = datetime.date(2025, 12, 3)


def _supported(person: Person, world: World, *, contacts: int) -> None:
    ReferralFactory.create(person=person, received_at=IN_PERIOD)
    episode = EpisodeFactory.create(person=person, worker=world.worker, started_on=datetime.date(2025, 12, 2))
    for _ in range(contacts):
        ContactFactory.create(episode=episode, contact_date=DAY, minutes=90, outcome=Contact.Outcome.ATTENDED)
    ContactFactory.create(episode=episode, contact_date=DAY, outcome=Contact.Outcome.DID_NOT_ATTEND)


def _questions(world: World) -> tuple[Question, Question]:
    carer = QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type="yes_no", choices="")
    needs = QuestionFactory.create(
        place=Question.Place.CONTACT, wording="Help wanted", answer_type="several_choices", choices="Money\nHousing"
    )
    yes, no, both = PersonFactory.create(), PersonFactory.create(), PersonFactory.create()
    AnswerFactory.create(question=carer, person=yes, value="Yes")
    AnswerFactory.create(question=carer, person=no, value="No")
    AnswerFactory.create(question=needs, person=both, value="Money\nHousing")
    _supported(yes, world, contacts=2)
    _supported(no, world, contacts=5)
    _supported(both, world, contacts=1)
    return carer, needs


def test_the_figures_count_only_the_people_who_gave_the_answer(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    carer, needs = _questions(world)
    period = period_from({"kind": "quarter", "start": "2025-11-01"}, today=datetime.date(2026, 3, 1), restricted=False)
    with django_assert_max_num_queries(3):
        figures = answered.one_to_one(period, answered.AnswerFilter(carer, "Yes"))
    assert figures == {
        "Referrals received": 1,
        "Triage decisions": 0,
        "Episodes started": 1,
        "People supported 1-to-1": 1,
        "Contacts that took place": 2,
        "Hours of contact": 3.0,
        "Contacts not attended": 1,
    }
    assert answered.one_to_one(period, answered.AnswerFilter(carer, "No"))["Contacts that took place"] == 5
    # A list answer given with others (one a line) counts for each of them.
    assert answered.one_to_one(period, answered.AnswerFilter(needs, "Housing"))["Contacts that took place"] == 1
    assert answered.one_to_one(period, answered.AnswerFilter(needs, "Money"))["Contacts that took place"] == 1
    assert [f.label for f in answered.filters_offered()] == [
        "‘Help wanted’: Money",
        "‘Help wanted’: Housing",
        "‘Are you a carer?’: Yes",
        "‘Are you a carer?’: No",
    ]


def test_a_manager_filters_the_dashboard_and_a_commissioner_is_not_offered_it(as_manager: Client, client: Client, world: World) -> None:
    carer, _ = _questions(world)
    page = as_manager.get(f"/reports/{PERIOD}&answered={carer.pk}:No").content.decode()
    assert "1-to-1 figures for the people who gave an answer" in page
    assert "People who answered ‘Are you a carer?’: No" in page
    table = page.split("People who answered ‘Are you a carer?’: No", 1)[1].split("</table>", 1)[0]
    assert (
        '<th scope="row" class="nhsuk-table__header">Contacts that took place</th>\n      <td class="nhsuk-table__cell nhsuk-table__cell--numeric">5</td>'
        in table
    )
    sign_in(client, world.commissioner)
    seen = client.get(f"/reports/{PERIOD}&answered={carer.pk}:No")
    assert seen.status_code == 200
    assert "gave an answer" not in seen.content.decode() and "Are you a carer?’: No" not in seen.content.decode()
