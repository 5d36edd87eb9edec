"""Recording involvement activities, the members who took part, and payments for involvement."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from involvement.models import InvolvementActivity, InvolvementPayment, Participant
from involvement.tests.factories import ActivityFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def activity_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "activity_type": "steering_group",
        "title": "Steering group, March",
        "held_on_day": "3",
        "held_on_month": "3",
        "held_on_year": "2026",
        "purpose": "Plan the drop-ins",
        "format": "hybrid",
        "languages": "English, Urdu",
        "ladder_step": "co_production",
        "unnamed_members": "3",
        "volunteers": "2",
        "staff": "1",
        "carers": "0",
        "partner_organisations": "Mind in Birmingham\nAge UK",
        "outcome": "Agreed to open earlier",
    }
    data.update(overrides)
    return data


def test_a_worker_records_a_steering_group_meeting(as_worker: Client, world: World) -> None:
    response = as_worker.post(reverse("involvement:activity_new"), activity_data())
    activity = InvolvementActivity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "involvement:activity_detail", kwargs={"activity_id": activity.pk}
    )
    assert activity.recorded_by == world.worker and activity.partner_list == ["Mind in Birmingham", "Age UK"]
    page = as_worker.get(response["Location"]).content.decode()
    assert "3 members, 2 volunteers, 1 staff member, 2 partner organisations" in page
    assert "Co-production" in page


def test_bad_activity_input_says_what_to_do(as_worker: Client) -> None:
    response = as_worker.post(
        reverse("involvement:activity_new"),
        activity_data(activity_type="", title="", held_on_day="31", held_on_month="2", volunteers="-1", staff="lots"),
    )
    page = response.content.decode()
    assert "Select what kind of activity it was" in page
    assert "Enter a name for the activity" in page
    assert "Date must be a real date" in page
    assert "Enter 0 or more" in page and "Enter a whole number, like 4" in page
    assert "Plan the drop-ins" in page  # what was typed is kept
    assert not InvolvementActivity.objects.exists()


def test_an_activity_can_be_changed_later(as_worker: Client) -> None:
    activity = ActivityFactory.create()
    url = reverse("involvement:activity_edit", kwargs={"activity_id": activity.pk})
    as_worker.post(url, activity_data(outcome="The drop-in now opens at 10"))
    activity.refresh_from_db()
    assert activity.outcome == "The drop-in now opens at 10"
    assert AuditEvent.objects.filter(action="update", object_id=str(activity.pk), object_type="involvement.involvementactivity").exists()


def test_a_worker_adds_a_member_from_their_caseload_but_cannot_find_a_stranger(as_worker: Client, world: World) -> None:
    activity = ActivityFactory.create()
    url = reverse("involvement:participant_add", kwargs={"activity_id": activity.pk})
    page = as_worker.post(url, {"query": "Lovelace"}).content.decode()
    assert "Ada Lovelace" in page
    assert "Alan Turing" not in as_worker.post(url, {"query": "Turing"}).content.decode()
    assert "lovelace" not in url.lower()
    as_worker.post(url, {"person": str(world.caseload_person.pk)})
    as_worker.post(url, {"person": str(world.caseload_person.pk)})  # twice: still one
    assert Participant.objects.get().person == world.caseload_person
    assert AuditEvent.objects.filter(action="create", person_id=world.caseload_person.pk, object_type="involvement.participant").exists()
    assert as_worker.post(url, {"person": str(world.stranger.pk)}).status_code == 404
    assert as_worker.post(url, {"person": "not-an-id"}).status_code == 404
    assert Participant.objects.count() == 1


def test_a_worker_sees_only_their_own_people_named_and_a_count_of_the_rest(as_worker: Client, world: World) -> None:
    activity = ActivityFactory.create()
    ParticipantFactory.create(activity=activity, person=world.caseload_person)
    ParticipantFactory.create(activity=activity, person=world.stranger)
    page = as_worker.get(reverse("involvement:activity_detail", kwargs={"activity_id": activity.pk})).content.decode()
    assert "Ada Lovelace" in page and "Alan Turing" not in page
    assert "1 other named member you do not support also took part" in page
    assert AuditEvent.objects.filter(action="view", person_id=world.caseload_person.pk).exists()
    assert not AuditEvent.objects.filter(action="view", person_id=world.stranger.pk).exists()


def test_a_worker_cannot_remove_a_stranger_from_an_activity(as_worker: Client, world: World) -> None:
    row = ParticipantFactory.create(person=world.stranger)
    url = reverse("involvement:participant_remove", kwargs={"activity_id": row.activity_id, "participant_id": row.pk})
    assert as_worker.post(url).status_code == 404
    assert Participant.objects.filter(pk=row.pk).exists()


def test_a_worker_removes_a_participant(as_worker: Client, world: World) -> None:
    row = ParticipantFactory.create(person=world.caseload_person)
    as_worker.post(reverse("involvement:participant_remove", kwargs={"activity_id": row.activity_id, "participant_id": row.pk}))
    assert not Participant.objects.exists()
    assert AuditEvent.objects.filter(action="update", person_id=world.caseload_person.pk, detail__removed=True).exists()


def test_payments_for_involvement(as_worker: Client, world: World) -> None:
    row = ParticipantFactory.create(person=world.caseload_person)
    url = reverse("involvement:payment_new", kwargs={"activity_id": row.activity_id})
    date = {"paid_on_day": "4", "paid_on_month": "3", "paid_on_year": "2026"}
    response = as_worker.post(url, {"amount": "20.00", "method": "voucher", "participant": str(row.pk), **date})
    assert response.status_code == 302
    as_worker.post(url, {"amount": "15", "method": "cash", "participant": "", "paid_to": "Carer representative", **date})
    payments = list(InvolvementPayment.objects.order_by("amount").values_list("amount", "person", "paid_to"))
    assert [(str(a), p, t) for a, p, t in payments] == [("15.00", None, "Carer representative"), ("20.00", world.caseload_person.pk, "")]
    page = as_worker.get(reverse("involvement:activity_detail", kwargs={"activity_id": row.activity_id})).content.decode()
    assert "£20.00" in page and "Carer representative" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "", "method": "cash", "paid_to": "X"}, "Enter the amount, like 20.00"),
        ({"amount": "0", "method": "cash", "paid_to": "X"}, "The amount must be more than £0"),
        ({"amount": "twenty", "method": "cash", "paid_to": "X"}, "Enter the amount in pounds, like 20.00"),
        ({"amount": "20.123", "method": "cash", "paid_to": "X"}, "Enter the amount in pounds and pence"),
        ({"amount": "20", "method": "", "paid_to": "X"}, "Select how it was paid"),
        ({"amount": "20", "method": "cash", "paid_to": ""}, "Select a member, or enter who it was paid to"),
    ],
)
def test_bad_payment_input(as_worker: Client, data: dict[str, str], message: str) -> None:
    activity = ActivityFactory.create()
    response = as_worker.post(
        reverse("involvement:payment_new", kwargs={"activity_id": activity.pk}),
        {**data, "paid_on_day": "4", "paid_on_month": "3", "paid_on_year": "2026"},
    )
    assert message in response.content.decode()
    assert not InvolvementPayment.objects.exists()


def test_a_worker_cannot_pay_a_stranger_named_on_an_activity(as_worker: Client, world: World) -> None:
    row = ParticipantFactory.create(person=world.stranger)
    url = reverse("involvement:payment_new", kwargs={"activity_id": row.activity_id})
    response = as_worker.post(
        url,
        {"amount": "20", "method": "cash", "participant": str(row.pk), "paid_on_day": "4", "paid_on_month": "3", "paid_on_year": "2026"},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not InvolvementPayment.objects.exists()


def test_activity_list_cost_does_not_grow(as_worker: Client, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    url = reverse("involvement:activity_list")
    ParticipantFactory.create()
    with django_assert_max_num_queries(20) as few:
        as_worker.get(url)
    for _ in range(30):
        ParticipantFactory.create()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = as_worker.get(url).content.decode()
    assert page.count("/involvement/activities/") - page.count("/involvement/activities/new/") == 25


def test_activity_detail_cost_does_not_grow(as_manager: Client, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    activity = ActivityFactory.create()
    url = reverse("involvement:activity_detail", kwargs={"activity_id": activity.pk})
    ParticipantFactory.create(activity=activity)
    with django_assert_max_num_queries(20) as few:
        as_manager.get(url)
    for _ in range(30):
        ParticipantFactory.create(activity=activity)
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_manager.get(url)
