"""Complaints are tracked to a response through legal steps, each leaving a history row."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from involvement import services
from involvement.models import ComplaintStatus, ComplaintStatusChange
from involvement.models.feedback import IllegalTransition
from involvement.tests.factories import ComplaintFactory, FeedbackFactory

pytestmark = pytest.mark.django_db

CHAIN = [ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.INVESTIGATING, ComplaintStatus.RESPONDED, ComplaintStatus.CLOSED]


def test_a_complaint_is_tracked_to_a_response(as_manager: Client, world: World) -> None:
    complaint = ComplaintFactory.create(person=world.caseload_person)
    url = reverse("involvement:complaint_move", kwargs={"feedback_id": complaint.pk})
    for status in CHAIN:
        response = as_manager.post(url, {"to_status": status, "note": f"Now {status}"})
        assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert complaint.acknowledged_at and complaint.responded_at and complaint.closed_at
    history = list(complaint.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert history == [
        ("received", "acknowledged", world.manager.pk),
        ("acknowledged", "investigating", world.manager.pk),
        ("investigating", "responded", world.manager.pk),
        ("responded", "closed", world.manager.pk),
    ]
    assert AuditEvent.objects.filter(action="update", person_id=world.caseload_person.pk, object_id=str(complaint.pk)).count() == 4
    page = as_manager.get(reverse("involvement:feedback_detail", kwargs={"feedback_id": complaint.pk})).content.decode()
    assert "This complaint is closed" in page and "Now investigating" in page


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("received", "responded"),
        ("received", "closed"),
        ("received", "received"),
        ("acknowledged", "received"),
        ("investigating", "acknowledged"),
        ("closed", "received"),
        ("responded", "investigating"),
    ],
)
def test_illegal_moves_are_refused_by_the_service(world: World, start: str, target: str) -> None:
    complaint = ComplaintFactory.create(status=start)
    with pytest.raises(IllegalTransition):
        services.move_complaint(by=world.manager, feedback=complaint, to_status=target)
    complaint.refresh_from_db()
    assert complaint.status == start
    assert not ComplaintStatusChange.objects.filter(feedback=complaint).exists()


def test_an_illegal_move_through_the_page_shows_what_to_do(as_manager: Client) -> None:
    complaint = ComplaintFactory.create()
    response = as_manager.post(reverse("involvement:complaint_move", kwargs={"feedback_id": complaint.pk}), {"to_status": "closed"})
    assert response.status_code == 200
    assert "That move is not allowed for this complaint" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_ideas_have_no_status_to_move(world: World) -> None:
    with pytest.raises(IllegalTransition):
        services.move_complaint(by=world.manager, feedback=FeedbackFactory.create(), to_status="acknowledged")


def test_history_rows_cannot_be_changed_or_deleted(world: World) -> None:
    complaint = ComplaintFactory.create()
    row = services.move_complaint(by=world.manager, feedback=complaint, to_status="acknowledged").status_changes.get()
    row.note = "rewritten"
    with pytest.raises(ValueError, match="cannot be changed"):
        row.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        row.delete()


def test_the_manager_sees_overdue_complaints(as_manager: Client) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=40)
    late = ComplaintFactory.create(received_at=long_ago, message="Late complaint")
    on_time = ComplaintFactory.create(message="New complaint")
    answered = ComplaintFactory.create(received_at=long_ago, status=ComplaintStatus.RESPONDED, message="Answered complaint")
    page = as_manager.get(reverse("involvement:feedback_list")).content.decode()
    assert "1 complaint is past a deadline" in page
    overdue = as_manager.get(reverse("involvement:feedback_list") + "?overdue=1").content.decode()
    assert late.reference in overdue
    assert on_time.reference not in overdue and answered.reference not in overdue


def test_an_unacknowledged_complaint_is_overdue_after_its_acknowledgement_date(world: World) -> None:
    complaint = ComplaintFactory.create()
    assert complaint.acknowledge_by is not None
    assert complaint.overdue_on(complaint.acknowledge_by) == ""
    assert complaint.overdue_on(complaint.acknowledge_by + datetime.timedelta(days=1)) == "acknowledgement"
    services.move_complaint(by=world.manager, feedback=complaint, to_status="acknowledged")
    complaint.refresh_from_db()
    assert complaint.overdue_on(complaint.acknowledge_by + datetime.timedelta(days=1)) == ""


def test_feedback_list_cost_does_not_grow(as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    url = reverse("involvement:feedback_list")
    ComplaintFactory.create(person=world.caseload_person)
    with django_assert_max_num_queries(25) as few:
        as_manager.get(url)
    for _ in range(30):
        ComplaintFactory.create(person=world.caseload_person)
        FeedbackFactory.create(person=world.member_person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = as_manager.get(url).content.decode()
    assert page.count("FB-") == 25  # one page


def test_feedback_detail_query_count(as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    complaint = ComplaintFactory.create(person=world.caseload_person)
    for status in CHAIN[:3]:
        services.move_complaint(by=world.manager, feedback=complaint, to_status=status)
    with django_assert_max_num_queries(16):
        as_manager.get(reverse("involvement:feedback_detail", kwargs={"feedback_id": complaint.pk}))
