"""The decision log and the public "You said, we did" page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from conftest import World
from involvement.models import Decision
from involvement.tests.factories import ActivityFactory, DecisionFactory, FeedbackFactory

pytestmark = pytest.mark.django_db


def decision_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Tuesday drop-in opens at 10",
        "decision": "Open the Tuesday drop-in an hour earlier",
        "reason": "Members asked for a morning session",
        "decided_on_day": "5",
        "decided_on_month": "3",
        "decided_on_year": "2026",
        "decided_by": "steering_group",
        "you_said": "The Tuesday drop-in should start earlier.",
        "we_did": "It now opens at 10am.",
    }
    data.update(overrides)
    return data


def test_a_manager_logs_a_decision_linked_to_feedback_and_a_meeting_and_publishes_it(
    as_manager: Client, world: World, client: Client
) -> None:
    idea = FeedbackFactory.create(person=world.member_person, message="Mary's private idea text")
    meeting = ActivityFactory.create(title="Steering group, March")
    response = as_manager.post(reverse("involvement:decision_new"), decision_data(activities=[meeting.pk], feedback=[idea.pk]))
    decision = Decision.objects.get()
    assert response["Location"] == reverse("involvement:decision_detail", kwargs={"decision_id": decision.pk})
    assert list(decision.activities.all()) == [meeting] and list(decision.feedback.all()) == [idea]
    detail = as_manager.get(response["Location"]).content.decode()
    assert "Steering group, March" in detail and idea.reference in detail

    public = reverse("involvement:you_said_we_did")
    assert "Tuesday drop-in opens at 10" not in client.get(public).content.decode()  # not published yet
    as_manager.post(reverse("involvement:decision_publish", kwargs={"decision_id": decision.pk}))
    decision.refresh_from_db()
    assert decision.is_published and decision.published_by == world.manager

    client.logout()
    page = client.get(public).content.decode()
    assert "Tuesday drop-in opens at 10" in page and "It now opens at 10am." in page
    # No personal data, ever: not the feedback's words, not the member's name, not the reason or notes.
    for private in ("Mary's private idea text", "Mary", "Seacole", idea.reference, "Members asked for a morning session"):
        assert private not in page


def test_publishing_needs_the_plain_english_text(as_manager: Client) -> None:
    decision = DecisionFactory.create(you_said="", we_did="")
    response = as_manager.post(reverse("involvement:decision_publish", kwargs={"decision_id": decision.pk}), follow=True)
    assert "Write what people said and what we did" in response.content.decode()
    decision.refresh_from_db()
    assert not decision.is_published


def test_bad_decision_input(as_manager: Client) -> None:
    response = as_manager.post(reverse("involvement:decision_new"), decision_data(title="", reason="", decided_by="", feedback=["999999"]))
    page = response.content.decode()
    assert "Enter what was decided, in a few words" in page
    assert "Enter why it was decided" in page
    assert "Select who decided" in page
    assert not Decision.objects.exists()


def test_the_public_page_lists_only_published_decisions_in_bounded_queries(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    from django.utils import timezone

    DecisionFactory.create(title="Draft decision", published_at=None)
    for index in range(30):
        DecisionFactory.create(title=f"Published {index}", published_at=timezone.now())
    with django_assert_max_num_queries(6):
        page = client.get(reverse("involvement:you_said_we_did")).content.decode()
    assert "Draft decision" not in page
    assert page.count('<h2 class="nhsuk-card__heading') == 20  # one page of 20


def test_decision_detail_query_count(as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    decision = DecisionFactory.create()
    decision.feedback.set([FeedbackFactory.create(person=world.member_person) for _ in range(10)])
    decision.activities.set([ActivityFactory.create() for _ in range(10)])
    with django_assert_max_num_queries(16):
        as_manager.get(reverse("involvement:decision_detail", kwargs={"decision_id": decision.pk}))


def test_linked_activities_and_feedback_are_checkboxes_so_several_can_be_chosen(as_manager: Client) -> None:
    ActivityFactory.create()
    FeedbackFactory.create()
    page = as_manager.get(reverse("involvement:decision_new")).content.decode()
    assert 'type="checkbox" value="' in page or 'name="activities" type="checkbox"' in page
    assert 'name="activities" type="radio"' not in page and 'name="feedback" type="radio"' not in page


def test_members_whose_feedback_is_offered_as_a_choice_are_audited(as_manager: Client, world: World) -> None:
    from audit.models import AuditEvent

    FeedbackFactory.create(person=world.member_person)
    as_manager.get(reverse("involvement:decision_new"))
    assert AuditEvent.objects.filter(action="view", person_id=world.member_person.pk, user=world.manager).exists()


def test_a_decision_logged_without_public_text_can_be_finished_and_published(as_manager: Client) -> None:
    old_meeting = ActivityFactory.create(title="Old meeting")
    decision = DecisionFactory.create(you_said="", we_did="")
    decision.activities.set([old_meeting])
    url = reverse("involvement:decision_edit", kwargs={"decision_id": decision.pk})
    page = as_manager.get(url).content.decode()
    assert "Old meeting" in page and "Change the decision" in page
    data = decision_data(you_said="People wanted mornings.", we_did="We open at 10am.", activities=[old_meeting.pk])
    assert as_manager.post(url, data).status_code == 302
    decision.refresh_from_db()
    assert decision.we_did == "We open at 10am." and list(decision.activities.all()) == [old_meeting]
    as_manager.post(reverse("involvement:decision_publish", kwargs={"decision_id": decision.pk}))
    decision.refresh_from_db()
    assert decision.is_published


def test_decision_log_cost_does_not_grow(as_manager: Client, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    url = reverse("involvement:decision_list")
    DecisionFactory.create()
    with django_assert_max_num_queries(15) as few:
        as_manager.get(url)
    for _ in range(30):
        DecisionFactory.create()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = as_manager.get(url).content.decode()
    assert page.count("/involvement/decisions/") - page.count("/involvement/decisions/new/") >= 25
