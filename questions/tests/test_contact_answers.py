"""The contact form (a 1-to-1 contact in an episode) asks the service's own questions: answers are
validated like the form's own fields, saved with the contact, shown with it on the episode's page,
in the subject access export and destroyed with the record."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from enablement.models import Contact, Episode
from enablement.tests.factories import ContactFactory, EpisodeFactory
from enablement.tests.test_contacts import contact_answers
from people.models import Person
from questions.models import Answer, Question
from questions.tests.factories import AnswerFactory, QuestionFactory
from records import retention
from records.models import RetentionReview
from records.subject_access import export_person
from records.tests.test_retention import person_last_seen, years_ago


@pytest.fixture
def episode(world: World) -> Episode:
    return EpisodeFactory.create(person=world.caseload_person, worker=world.worker)


def _asked_at_contact() -> tuple[Question, Question]:
    feeling = QuestionFactory.create(
        place=Question.Place.CONTACT, wording="Did they feel safer?", answer_type="yes_no", choices="", required=True
    )
    steps = QuestionFactory.create(place=Question.Place.CONTACT, wording="Steps walked", answer_type="whole_number", choices="", order=20)
    return feeling, steps


def test_the_contact_form_asks_validates_and_saves_the_answers(as_worker: Client, world: World, episode: Episode) -> None:
    feeling, steps = _asked_at_contact()
    QuestionFactory.create(place=Question.Place.PERSON, wording="Asked on the record only", answer_type="short_text", choices="")
    QuestionFactory.create(place=Question.Place.CONTACT, wording="No longer asked", answer_type="short_text", choices="", retired=True)
    url = f"/enablement/episodes/{episode.pk}/contacts/new/"
    page = as_worker.get(url).content.decode()
    assert "Did they feel safer?" in page and "Steps walked" in page
    assert "Asked on the record only" not in page and "No longer asked" not in page

    not_a_number: dict[str, Any] = {f"question_{steps.pk}": "lots"}
    refused = as_worker.post(url, contact_answers(**not_a_number)).content.decode()
    assert escape("Choose an answer to ‘Did they feel safer?’") in refused
    assert escape("‘Steps walked’ must be a whole number, like 3") in refused
    assert not Contact.objects.exists() and not Answer.objects.exists()

    good: dict[str, Any] = {f"question_{feeling.pk}": "Yes", f"question_{steps.pk}": "4000"}
    response = as_worker.post(url, contact_answers(**good))
    assert response.status_code == 302
    contact = Contact.objects.get()
    saved = {a.question_id: (a.value, a.wording_asked, a.person_id) for a in Answer.objects.filter(contact=contact)}
    assert saved == {
        feeling.pk: ("Yes", "Did they feel safer?", world.caseload_person.pk),
        steps.pk: ("4000", "Steps walked", world.caseload_person.pk),
    }
    assert AuditEvent.objects.filter(object_type="enablement.contact", object_id=str(contact.pk), detail__answers__isnull=False).exists()


def test_a_contact_refused_by_the_service_saves_no_answers(as_worker: Client, episode: Episode) -> None:
    feeling, _ = _asked_at_contact()
    too_early = episode.started_on - datetime.timedelta(days=3)
    response = as_worker.post(
        f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers(day=too_early, **{f"question_{feeling.pk}": "No"})
    )
    assert "The date of the contact must be on or after the episode started" in response.content.decode()
    assert not Contact.objects.exists() and not Answer.objects.exists()


def test_the_episode_page_shows_each_contacts_answers_with_bounded_queries(
    as_worker: Client, world: World, episode: Episode, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    feeling, _ = _asked_at_contact()
    first = ContactFactory.create(episode=episode, what_was_done="Went to the library")
    AnswerFactory.create(question=feeling, person=episode.person, contact=first, value="Yes", wording_asked="Did they feel safe?")
    feeling.wording = "Reworded later"
    feeling.save()
    with django_assert_max_num_queries(30) as few:
        body = as_worker.get(f"/enablement/episodes/{episode.pk}/").content.decode()
    assert "Did they feel safe? <strong>Yes</strong>" in body and "Reworded later" not in body
    for _ in range(10):
        AnswerFactory.create(question=feeling, person=episode.person, contact=ContactFactory.create(episode=episode), value="No")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = as_worker.get(f"/enablement/episodes/{episode.pk}/").content.decode()
    assert body.count("Reworded later <strong>No</strong>") == 10
    # Shown with the contact, not repeated among the answers on the person's record.
    person_response = as_worker.get(f"/people/{episode.person_id}/")
    person_page = person_response.content.decode()
    assert person_response.status_code == 200 and "Went to the library" not in person_page
    assert "Did they feel safe?" not in person_page


def test_contact_answers_are_in_subject_access_and_destroyed_with_the_record(world: World) -> None:
    feeling, _ = _asked_at_contact()
    person = world.caseload_person
    contact = ContactFactory.create(episode=EpisodeFactory.create(person=person, worker=world.worker))
    AnswerFactory.create(question=feeling, person=person, contact=contact, value="Yes")
    records = export_person(person)["sections"]["questions.Answer"]["records"]
    assert [(r["Question asked"], r["Answer"]) for r in records] == [("Did they feel safer?", "Yes")]

    gone = person_last_seen(years_ago(21))
    gone_contact = Contact.objects.get(person=gone)
    AnswerFactory.create(question=feeling, person=gone, contact=gone_contact, value="No")
    retention.run_retention_review(today=years_ago(0))
    stub = retention.destroy(by=world.admin, review=RetentionReview.objects.get(person_id=gone.pk))
    assert not Person.objects.filter(pk=gone.pk).exists()
    assert stub.counts["questions.Answer"] == 1
    assert list(Answer.objects.values_list("contact_id", flat=True)) == [contact.pk]
