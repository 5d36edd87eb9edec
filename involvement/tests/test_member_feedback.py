"""A signed-in member's "Tell us what you think" page, linked to their own record."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in
from involvement.models import Feedback, FeedbackChannel
from involvement.tests.factories import ComplaintFactory, FeedbackFactory, ParticipantFactory
from people.tests.factories import PersonFactory

URL = "/my/feedback/"
pytestmark = pytest.mark.django_db


def test_the_member_home_page_links_to_it(client: Client, world: World) -> None:
    sign_in(client, world.member)
    assert URL in client.get("/").content.decode()


def test_a_member_sends_a_compliment_linked_to_their_record(client: Client, world: World) -> None:
    sign_in(client, world.member)
    data = {"kind": "compliment", "message": "Sam was really kind", "token": str(uuid.uuid4())}
    response = client.post(URL, data)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.person == world.member_person and feedback.channel == FeedbackChannel.MEMBER_PORTAL
    assert AuditEvent.objects.filter(action="create", person_id=world.member_person.pk, object_id=str(feedback.pk)).exists()
    page = client.get(URL).content.decode()
    assert "Sam was really kind" in page and feedback.reference in page
    client.post(URL, data)  # sent twice: still one
    assert Feedback.objects.count() == 1


def test_a_member_sees_only_their_own_feedback(client: Client, world: World) -> None:
    FeedbackFactory.create(person=world.caseload_person, message="Someone else's idea")
    FeedbackFactory.create(person=None, message="An anonymous idea")
    FeedbackFactory.create(person=world.member_person, message="My own idea")
    sign_in(client, world.member)
    page = client.get(URL).content.decode()
    assert "My own idea" in page
    assert "Someone else's idea" not in page and "An anonymous idea" not in page


def test_a_member_sees_their_complaints_progress(client: Client, world: World) -> None:
    ComplaintFactory.create(person=world.member_person)
    sign_in(client, world.member)
    assert "Status: Received" in client.get(URL).content.decode()


def test_a_member_without_a_linked_record_is_pointed_to_the_public_form(client: Client) -> None:
    sign_in(client, UserFactory.create(role=Role.MEMBER))
    response = client.post(URL, {"kind": "idea", "message": "Hello", "token": str(uuid.uuid4())})
    assert response.status_code == 200
    assert "use our public form" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_member_sees_their_feedback_but_not_staff_involvement_records_on_their_page(client: Client, world: World) -> None:
    FeedbackFactory.create(person=world.member_person)
    ParticipantFactory.create(person=world.member_person)
    sign_in(client, world.member)
    page = client.get(reverse("people:detail", kwargs={"person_id": world.member_person.pk})).content.decode()
    assert "Idea sent" in page
    assert "Took part:" not in page


def test_staff_see_involvement_and_feedback_on_a_persons_page(as_worker: Client, world: World) -> None:
    ParticipantFactory.create(person=world.caseload_person, activity__title="Steering group, March")
    ComplaintFactory.create(person=world.caseload_person)
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Took part: Steering group meeting" in page and "Steering group, March" in page
    assert "Complaint sent (received)" in page
    assert "Nobody rang me back" not in page  # the complaint's words stay on the complaint


def test_staff_enter_paper_feedback_for_a_person_on_their_caseload(as_worker: Client, world: World) -> None:
    url = reverse("involvement:feedback_new_for_person", kwargs={"person_id": world.caseload_person.pk})
    data = {
        "kind": "complaint",
        "message": "Written on the paper form",
        "received_on_day": "2",
        "received_on_month": "3",
        "received_on_year": "2026",
        "token": str(uuid.uuid4()),
    }
    response = as_worker.post(url, data)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.person == world.caseload_person and feedback.channel == FeedbackChannel.PAPER
    assert feedback.entered_by == world.worker
    assert str(feedback.received_at.date()) == "2026-03-02"


def test_paper_feedback_cannot_be_dated_in_the_future(as_worker: Client) -> None:
    data = {"kind": "idea", "message": "x", "received_on_day": "1", "received_on_month": "1", "received_on_year": "2099"}
    data["token"] = str(uuid.uuid4())
    response = as_worker.post(reverse("involvement:feedback_new"), data)
    assert "Date received must be today or in the past" in response.content.decode()


def test_paper_feedback_for_a_stranger_is_not_found(as_worker: Client, world: World) -> None:
    url = reverse("involvement:feedback_new_for_person", kwargs={"person_id": world.stranger.pk})
    assert as_worker.post(url, {"kind": "idea", "message": "x"}).status_code == 404
    assert not Feedback.objects.exists()


def test_another_members_feedback_is_not_found_by_a_member(client: Client, world: World) -> None:
    other = PersonFactory.create(user=UserFactory.create(role=Role.MEMBER))
    theirs = FeedbackFactory.create(person=other)
    sign_in(client, world.member)
    assert client.get(reverse("involvement:feedback_detail", kwargs={"feedback_id": theirs.pk})).status_code == 403


def test_the_members_page_costs_the_same_however_much_they_have_sent(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.member)
    FeedbackFactory.create(person=world.member_person)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for _ in range(30):
        ComplaintFactory.create(person=world.member_person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count("(reference FB-") == 20  # the newest 20
