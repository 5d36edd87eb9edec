"""The old system's import can fill the service's own questions: a column matched to a question
(offered on the mapping page, matched by its wording), each value checked as the form checks it,
each bad value a problem on its row, the answers saved with the person's record, the referral or
the contact."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import Action
from conftest import World
from enablement.models import Contact
from enablement.tests.factories import EpisodeFactory
from interop.legacy import services
from interop.legacy.matching import guess_columns
from interop.legacy.models import ImportKind, ImportRun
from interop.tests.legacy_factories import (
    COLUMNS,
    CONTACT_COLUMNS,
    CONTACT_HEADINGS,
    HEADINGS,
    REFERRAL_COLUMNS,
    REFERRAL_HEADINGS,
    good_rows,
    import_people_file,
    make_kind_run,
)
from people.models import Person
from people.tests.factories import PersonFactory
from questions.models import Answer, Question
from questions.tests.factories import QuestionFactory
from referrals.models import Referral

pytestmark = pytest.mark.django_db


def _record_questions() -> list[Question]:
    return [
        QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type="yes_no", choices=""),
        QuestionFactory.create(place=Question.Place.PERSON, wording="In the area since", answer_type="date", choices="", order=20),
        QuestionFactory.create(
            place=Question.Place.PERSON, wording="Help wanted", answer_type="several_choices", choices="Money\nHousing\nCompany", order=30
        ),
        QuestionFactory.create(place=Question.Place.PERSON, wording="Children", answer_type="whole_number", choices="", order=40),
    ]


def _people_run(world: World, questions: list[Question], answers: list[list[str]]) -> ImportRun:
    headings = [*HEADINGS, "Carer", "Local since", "Needs", "Kids"]
    rows = [[*row, *given] for row, given in zip(good_rows(len(answers)), answers, strict=True)]
    columns = COLUMNS | {f"question_{q.pk}": heading for q, heading in zip(questions, headings[-4:], strict=True)}
    return make_kind_run(by=world.manager, kind=ImportKind.PEOPLE, headings=headings, rows=rows, columns=columns)


def test_people_come_in_with_their_answers_checked_as_the_form_checks_them(world: World) -> None:
    carer, since, needs, kids = _record_questions()
    run = services.import_file(
        by=world.manager,
        run=_people_run(world, [carer, since, needs, kids], [["y", "04/05/2019", "money; Company", "2"], ["No", "", "", ""]]),
    )
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 2)
    first = Person.objects.get(given_name="Given0")
    saved = {a.question_id: (a.value, a.wording_asked) for a in Answer.objects.filter(person=first)}
    assert saved == {
        carer.pk: ("Yes", "Are you a carer?"),
        since.pk: ("2019-05-04", "In the area since"),
        needs.pk: ("Money\nCompany", "Help wanted"),
        kids.pk: ("2", "Children"),
    }
    second = Person.objects.get(given_name="Given1")
    assert list(Answer.objects.filter(person=second).values_list("value", flat=True)) == ["No"]
    assert not Answer.objects.exclude(referral=None, contact=None).exists()


def test_bad_answers_are_listed_by_row_and_column_and_nothing_goes_in(world: World) -> None:
    questions = _record_questions()
    run = services.import_file(
        by=world.manager,
        run=_people_run(
            world,
            questions,
            [["Maybe", "31/02/2019", "Money; Garden", "two"], ["yes", "", "", "1,000"], ["n", "", "Housing", "-3"]],
        ),
    )
    assert run.status == ImportRun.Status.FAILED
    found = {(p["row"], p["column"]): p["message"] for p in run.problems}
    assert set(found) == {(2, "Carer"), (2, "Local since"), (2, "Needs"), (2, "Kids")}
    assert found[(2, "Carer")] == "'Maybe' is not an answer to ‘Are you a carer?’: use Yes or No"
    assert "'Garden' is not one of the answers to ‘Help wanted’" in found[(2, "Needs")]
    assert "whole number" in found[(2, "Kids")] and "is not a date" in found[(2, "Local since")]
    assert not Person.objects.filter(given_name__startswith="Given").exists() and not Answer.objects.exists()


def test_referral_and_contact_answers_are_saved_with_the_referral_and_the_contact(world: World) -> None:
    import_people_file(by=world.manager)
    heard = QuestionFactory.create(place=Question.Place.REFERRAL, wording="How did you hear about us?")
    referral_rows = [["R1", "DC000000", "02/01/2024", "GP", "Declined", "10/01/2024", "no", "", "online"]]
    referral_run = make_kind_run(
        by=world.manager,
        kind=ImportKind.REFERRALS,
        headings=[*REFERRAL_HEADINGS, "Heard"],
        rows=referral_rows,
        columns=REFERRAL_COLUMNS | {f"question_{heard.pk}": "Heard"},
    )
    assert services.import_file(by=world.manager, run=referral_run).status == ImportRun.Status.DONE
    referral = Referral.objects.get()
    assert list(Answer.objects.filter(referral=referral).values_list("question_id", "value")) == [(heard.pk, "Online")]

    steps = QuestionFactory.create(place=Question.Place.CONTACT, wording="Steps walked", answer_type="whole_number", choices="")
    person = Person.objects.get(given_name="Given0")
    today = timezone.localdate()
    EpisodeFactory.create(person=person, worker=world.worker, started_on=today - datetime.timedelta(days=30))
    day = (today - datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    contact_rows = [["C1", "DC000000", day, "14:30", "45", "Phone", "Attended", "Jo", "Walked", "4000"]]
    old_rows = [["C2", "DC000000", "01/05/2020", "14:30", "45", "Phone", "Attended", "Jo", "Walked", "300"]]

    def contact_run(rows: list[list[str]]) -> ImportRun:
        return make_kind_run(
            by=world.manager,
            kind=ImportKind.CONTACTS,
            headings=[*CONTACT_HEADINGS, "Steps"],
            rows=rows,
            columns=CONTACT_COLUMNS | {f"question_{steps.pk}": "Steps"},
        )

    # A contact outside every episode is kept as an old contact, which cannot hold answers: a
    # problem on its row, not an answer dropped without a word.
    refused = services.import_file(by=world.manager, run=contact_run(old_rows))
    assert refused.status == ImportRun.Status.FAILED
    assert [(p["row"], p["column"]) for p in refused.problems] == [(2, "Steps")]
    assert services.import_file(by=world.manager, run=contact_run(contact_rows)).status == ImportRun.Status.DONE
    contact = Contact.objects.get()
    assert list(Answer.objects.filter(contact=contact).values_list("question_id", "value", "person_id")) == [(steps.pk, "4000", person.pk)]


def test_the_mapping_page_offers_each_question_and_matches_a_column_by_its_wording(as_manager: Client, world: World) -> None:
    carer = QuestionFactory.create(place=Question.Place.PERSON, wording="Are you a carer?", answer_type="yes_no", choices="")
    QuestionFactory.create(place=Question.Place.PERSON, wording="No longer asked", answer_type="yes_no", choices="", retired=True)
    assert guess_columns(ImportKind.PEOPLE, [*HEADINGS, "Are you a Carer"])[f"question_{carer.pk}"] == "Are you a Carer"
    run = _people_run(world, [carer, *_record_questions()[1:]], [["Yes", "", "", ""]])
    page = as_manager.get(f"/interop/import/{run.pk}/columns/").content.decode()
    assert "Are you a carer? (optional)" in page and "No longer asked" not in page


def test_someone_already_in_star_gets_the_answers_they_have_not_given_yet(world: World) -> None:
    """A row that matches a person already in STaR (NHS number, names, date of birth) adds the
    answers to the questions on their record they have not answered; an answer given in STaR stays,
    and the same file again adds nothing."""
    carer, since, needs, kids = _record_questions()
    row = good_rows(1)[0]
    day, month, year = (int(part) for part in row[3].split("/"))
    existing = PersonFactory.create(
        given_name="Given0", family_name="Family0", date_of_birth=datetime.date(year, month, day), nhs_number=row[4]
    )
    Answer.objects.create(question=kids, person=existing, wording_asked=kids.wording, value="5", answered_by=world.worker)
    answers = [["y", "04/05/2019", "money; Company", "2"]]
    run = services.import_file(by=world.manager, run=_people_run(world, [carer, since, needs, kids], answers))
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 0)
    saved = {a.question_id: a.value for a in Answer.objects.filter(person=existing)}
    assert saved == {carer.pk: "Yes", since.pk: "2019-05-04", needs.pk: "Money\nCompany", kids.pk: "5"}
    assert AuditEvent.objects.filter(action=Action.UPDATE, person_id=existing.pk).exists()
    services.import_file(by=world.manager, run=_people_run(world, [carer, since, needs, kids], answers))
    assert Answer.objects.filter(person=existing).count() == 4
