"""The service's own questions in the list exports: one column a question (its wording now), the
answers as the person would read them, the answers given with each row, in bounded queries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from conftest import World
from enablement.tests.factories import ContactFactory, EpisodeFactory
from interop.tests.test_exports import rows
from interop.tests.test_exports_xlsx import sheet_rows
from people.tests.factories import PersonFactory
from questions.models import Question
from questions.tests.factories import AnswerFactory, QuestionFactory
from referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def _csv(client: Client, name: str) -> list[list[str]]:
    return rows(client.get(reverse("interop:export_csv", kwargs={"list_name": name})))


def test_people_export_has_a_column_for_each_record_question(as_manager: Client, world: World) -> None:
    carer = QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type="yes_no", choices="")
    since = QuestionFactory.create(place=Question.Place.PERSON, wording="In the area since", answer_type="date", choices="", order=20)
    needs = QuestionFactory.create(
        place=Question.Place.PERSON, wording="Help wanted", answer_type="several_choices", choices="Money\nHousing", order=30
    )
    old = QuestionFactory.create(place=Question.Place.PERSON, wording="Online?", answer_type="yes_no", choices="", order=40, retired=True)
    QuestionFactory.create(place=Question.Place.REFERRAL, wording="Asked on referrals")
    person = world.caseload_person
    AnswerFactory.create(question=carer, person=person, value="Yes", wording_asked="Do you care for someone?")
    AnswerFactory.create(question=since, person=person, value="2019-05-04")
    AnswerFactory.create(question=needs, person=person, value="Money\nHousing")
    AnswerFactory.create(question=old, person=person, value="No")
    # An answer given with a referral is the referral's, not the record's.
    AnswerFactory.create(question=carer, person=world.stranger, referral=ReferralFactory.create(person=world.stranger), value="No")
    table = _csv(as_manager, "people")
    assert table[0][-5:] == ["Id", "Are you a carer?", "In the area since", "Help wanted", "Online? (no longer asked)"]
    by_id = {row[6]: row for row in table[1:]}
    assert by_id[str(person.pk)][-4:] == ["Yes", "4 May 2019", "Money, Housing", "No"]
    assert by_id[str(world.stranger.pk)][-4:] == ["", "", "", ""]


def test_referral_and_contact_exports_give_the_answers_given_with_each(as_manager: Client, world: World) -> None:
    heard = QuestionFactory.create(place=Question.Place.REFERRAL, wording="How did you hear about us?")
    public = QuestionFactory.create(
        place=Question.Place.SELF_REFERRAL, wording="Where did you see us?", answer_type="short_text", choices=""
    )
    steps = QuestionFactory.create(place=Question.Place.CONTACT, wording="Steps walked", answer_type="whole_number", choices="")
    person = world.caseload_person
    first, second = ReferralFactory.create(person=person), ReferralFactory.create(person=person)
    AnswerFactory.create(question=heard, person=person, referral=first, value="Online")
    AnswerFactory.create(question=public, person=person, referral=second, value="=1+1 on a poster")
    episode = EpisodeFactory.create(person=person, worker=world.worker)
    walked, sat = ContactFactory.create(episode=episode), ContactFactory.create(episode=episode)
    AnswerFactory.create(question=steps, person=person, contact=walked, value="4000")
    referrals = _csv(as_manager, "referrals")
    assert referrals[0][-2:] == ["How did you hear about us?", "Where did you see us?"]
    by_id = {row[7]: row[-2:] for row in referrals[1:]}
    assert by_id == {str(first.pk): ["Online", ""], str(second.pk): ["", "'=1+1 on a poster"]}
    contacts = _csv(as_manager, "contacts")
    assert contacts[0][-1] == "Steps walked"
    assert {row[6]: row[-1] for row in contacts[1:]} == {str(walked.pk): "4000", str(sat.pk): ""}
    sheet = sheet_rows(as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "contacts"})))
    assert sheet[0][-1] == "Steps walked" and [row[-1] for row in sheet[1:] if row[-1] is not None] == [4000]


def test_the_answers_cost_a_query_a_chunk_not_a_query_a_row(
    as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    carer = QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type="yes_no", choices="")
    for person in PersonFactory.create_batch(5):
        AnswerFactory.create(question=carer, person=person, value="No")
    with django_assert_max_num_queries(20) as few:
        table = _csv(as_manager, "people")
    for person in PersonFactory.create_batch(30):
        AnswerFactory.create(question=carer, person=person, value="Yes")
    with django_assert_max_num_queries(len(few.captured_queries)):
        table = _csv(as_manager, "people")
    assert [row[-1] for row in table[1:]].count("Yes") == 30
