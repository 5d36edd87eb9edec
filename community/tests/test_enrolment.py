"""Courses: places, the waiting list, completion; every change is a history row."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Activity, ActivityKind, EnrolmentChange, EnrolmentStatus
from community.models.enrolment import CommunityError
from community.tests.factories import ActivityFactory, MembershipFactory, ProjectLeadFactory
from conftest import World, sign_in
from people.tests.factories import PersonFactory


def _course(capacity: int = 2, **kwargs: object) -> Activity:
    today = timezone.localdate()
    return ActivityFactory.create(
        kind=ActivityKind.GROUP,
        is_course=True,
        capacity=capacity,
        starts_on=today,
        ends_on=today + datetime.timedelta(weeks=6),
        **kwargs,
    )


@pytest.mark.django_db
def test_places_then_waiting_list_then_a_freed_place_goes_to_the_first_waiting(world: World) -> None:
    course = _course(capacity=2)
    people = [PersonFactory.create() for _ in range(4)]
    enrolments = [services.enrol(by=world.manager, activity=course, person=person) for person in people]
    assert [e.status for e in enrolments] == ["enrolled", "enrolled", "waiting", "waiting"]
    services.withdraw_enrolment(by=world.manager, enrolment=enrolments[0])
    for enrolment in enrolments:
        enrolment.refresh_from_db()
    assert [e.status for e in enrolments] == ["withdrawn", "enrolled", "enrolled", "waiting"]
    services.complete_enrolment(by=world.manager, enrolment=enrolments[1])
    assert EnrolmentChange.objects.filter(enrolment=enrolments[2]).values_list("to_status", flat=True).count() == 2


@pytest.mark.django_db
def test_illegal_changes_and_bad_enrolments_are_refused(world: World) -> None:
    course = _course(capacity=1)
    person = PersonFactory.create()
    enrolment = services.enrol(by=world.manager, activity=course, person=person)
    with pytest.raises(CommunityError, match="already on this course"):
        services.enrol(by=world.manager, activity=course, person=person)
    services.complete_enrolment(by=world.manager, enrolment=enrolment)
    with pytest.raises(CommunityError, match="cannot be changed"):
        services.withdraw_enrolment(by=world.manager, enrolment=enrolment)
    with pytest.raises(CommunityError, match="only enrol on a course"):
        services.enrol(by=world.manager, activity=ActivityFactory.create(), person=PersonFactory.create())
    finished = _course()
    Activity.objects.filter(pk=finished.pk).update(starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 2, 1))
    finished.refresh_from_db()
    with pytest.raises(CommunityError, match="finished"):
        services.enrol(by=world.manager, activity=finished, person=PersonFactory.create())


@pytest.mark.django_db
def test_lead_enrols_a_regular_through_the_page(client: Client, world: World) -> None:
    course = _course(capacity=1, project=ProjectLeadFactory.create(user=world.lead).project)
    first, second = PersonFactory.create(given_name="Ada"), PersonFactory.create(given_name="Bea")
    for person in (first, second):
        MembershipFactory.create(project=course.project, person=person)
    sign_in(client, world.lead)
    url = reverse("community:enrol", kwargs={"activity_id": course.pk})
    assert "Ada has a place" in client.post(url, {"person": str(first.pk)}, follow=True).content.decode()
    assert "Bea is on the waiting list" in client.post(url, {"person": str(second.pk)}, follow=True).content.decode()
    assert "Choose who is joining" in client.post(url, {"person": "nonsense"}, follow=True).content.decode()
    assert client.post(url, {"person": str(world.stranger.pk)}).status_code == 404  # not a regular
    page = client.get(reverse("community:enrolments", kwargs={"activity_id": course.pk}))
    assert "1 of 1 places taken. 1 waiting." in page.content.decode()
    enrolment = course.enrolments.get(person=first)
    client.post(reverse("community:enrolment_complete", kwargs={"activity_id": course.pk, "enrolment_id": enrolment.pk}))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


@pytest.mark.django_db
def test_a_lead_cannot_reach_another_projects_enrolments(client: Client, world: World) -> None:
    course = _course()
    enrolment = services.enrol(by=world.manager, activity=course, person=PersonFactory.create())
    sign_in(client, world.lead)
    assert client.get(reverse("community:enrolments", kwargs={"activity_id": course.pk})).status_code == 404
    response = client.post(reverse("community:enrolment_withdraw", kwargs={"activity_id": course.pk, "enrolment_id": enrolment.pk}))
    assert response.status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
