"""Managers set up projects and venues; a lead runs their own project's activities and sessions."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from community.models import Activity, Project, ProjectLead, Session, Venue
from community.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    MembershipFactory,
    ProjectLeadFactory,
    SessionFactory,
    VenueFactory,
)
from conftest import World, sign_in


@pytest.mark.django_db
def test_manager_sets_up_a_project_and_names_its_lead(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    response = client.post(reverse("community:project_new"), {"name": ""})
    assert "Describe what the project does" in response.content.decode()
    response = client.post(
        reverse("community:project_new"),
        {
            "name": "Handsworth Hearts",
            "description": "Peer support on Wednesdays",
            "who_it_is_for": "Adults in north-west Birmingham",
            "lead_organisation": "Handsworth Hearts CIC",
            "supporting_worker": world.worker.pk,
        },
    )
    project = Project.objects.get(name="Handsworth Hearts")
    assert response.status_code == 302
    client.post(reverse("community:project_lead_add", kwargs={"project_id": project.pk}), {"user": world.lead.pk})
    assert ProjectLead.objects.filter(project=project, user=world.lead).exists()


@pytest.mark.django_db
def test_venue_postcode_is_validated(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    data = {"name": "The Old Library", "address_1": "Church Road", "city": "Birmingham", "postcode": "QA1 1AA"}
    response = client.post(reverse("community:venue_new"), data)
    assert "Enter a real postcode, like B13 9AB" in response.content.decode()
    assert not Venue.objects.exists()
    client.post(reverse("community:venue_new"), {**data, "postcode": "b13 9ab", "hearing_loop": "on"})
    venue = Venue.objects.get()
    assert venue.postcode == "B13 9AB"
    assert venue.accessibility_features == ["Hearing loop"]


@pytest.mark.django_db
def test_lead_adds_a_weekly_drop_in_and_sessions_appear(client: Client, world: World) -> None:
    project = ProjectLeadFactory.create(user=world.lead).project
    venue = VenueFactory.create()
    sign_in(client, world.lead)
    response = client.post(
        reverse("community:activity_new", kwargs={"project_id": project.pk}),
        {
            "name": "Friday cuppa",
            "description": "Tea and talk",
            "kind": "drop_in",
            "category": "social",
            "venue": venue.pk,
            "how_to_join": "Just come",
        },
    )
    activity = Activity.objects.get(name="Friday cuppa")
    assert response["Location"] == reverse("community:schedule_new", kwargs={"activity_id": activity.pk})
    today = timezone.localdate()
    bad = client.post(
        reverse("community:schedule_new", kwargs={"activity_id": activity.pk}),
        {
            "frequency": "weekly",
            "weekday": "4",
            "opens_at": "14:00",
            "closes_at": "13:00",
            "valid_from_day": today.day,
            "valid_from_month": today.month,
            "valid_from_year": today.year,
        },
    )
    assert "The finishing time must be after the starting time" in bad.content.decode()
    client.post(
        reverse("community:schedule_new", kwargs={"activity_id": activity.pk}),
        {
            "frequency": "weekly",
            "weekday": "4",
            "opens_at": "13:00",
            "closes_at": "15:00",
            "valid_from_day": today.day,
            "valid_from_month": today.month,
            "valid_from_year": today.year,
        },
    )
    assert 7 <= activity.sessions.count() <= 9
    client.post(reverse("community:sessions_generate", kwargs={"activity_id": activity.pk}))
    assert 7 <= activity.sessions.count() <= 9  # no duplicates


@pytest.mark.django_db
def test_lead_cannot_touch_another_projects_activity(client: Client, world: World) -> None:
    activity = ActivityFactory.create()
    sign_in(client, world.lead)
    assert client.post(reverse("community:sessions_generate", kwargs={"activity_id": activity.pk})).status_code == 404
    session = SessionFactory.create(activity=activity)
    assert client.post(reverse("community:session_cancel", kwargs={"session_id": session.pk}), {"reason": "No"}).status_code == 404
    session.refresh_from_db()
    assert not session.is_cancelled


@pytest.mark.django_db
def test_cancelling_a_session_needs_a_reason_that_members_then_see(client: Client, world: World) -> None:
    project = ProjectLeadFactory.create(user=world.lead).project
    session = SessionFactory.create(
        activity=ActivityFactory.create(project=project),
        starts_at=timezone.now() + datetime.timedelta(days=1),
        ends_at=timezone.now() + datetime.timedelta(days=1, hours=2),
    )
    sign_in(client, world.lead)
    url = reverse("community:session_cancel", kwargs={"session_id": session.pk})
    assert "Enter the reason" in client.post(url, {"reason": ""}, follow=True).content.decode()
    client.post(url, {"reason": "Our volunteer is unwell"})
    session.refresh_from_db()
    assert session.cancellation_reason == "Our volunteer is unwell"
    assert "already cancelled" in client.post(url, {"reason": "Again"}, follow=True).content.decode()
    client.logout()
    public = client.get(reverse("community:activity_page", kwargs={"activity_id": session.activity_id})).content.decode()
    assert "Cancelled: Our volunteer is unwell" in public


@pytest.mark.django_db
def test_lead_puts_a_volunteer_on_the_rota(client: Client, world: World) -> None:
    project = ProjectLeadFactory.create(user=world.lead).project
    session = SessionFactory.create(activity=ActivityFactory.create(project=project))
    sign_in(client, world.lead)
    client.post(reverse("community:session_roster_add", kwargs={"session_id": session.pk}), {"user": world.volunteer.pk})
    sign_in(client, world.volunteer)
    assert client.get(reverse("community:register", kwargs={"session_id": session.pk})).status_code == 200


@pytest.mark.django_db
def test_project_pages_have_bounded_queries(client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    project = ProjectLeadFactory.create(user=world.lead).project
    for _ in range(15):
        activity = ActivityFactory.create(project=project)
        SessionFactory.create(activity=activity)
    sign_in(client, world.manager)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("community:project_detail", kwargs={"project_id": project.pk})).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("community:project_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("community:activity_detail", kwargs={"activity_id": activity.pk})).status_code == 200


@pytest.mark.django_db
def test_person_timeline_and_worker_view_show_drop_ins(client: Client, world: World) -> None:
    session = SessionFactory.create(activity=ActivityFactory.create(name="Saturday social"))
    MembershipFactory.create(project=session.activity.project, person=world.caseload_person)
    AttendanceFactory.create(session=session, person=world.caseload_person)
    sign_in(client, world.worker)
    person_page = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Came to Saturday social" in person_page
    projects = client.get(reverse("community:person_projects", kwargs={"person_id": world.caseload_person.pk}))
    assert session.activity.project.name in projects.content.decode()
    assert AuditEvent.objects.filter(user=world.worker, person_id=world.caseload_person.pk, detail__community=True).exists()
    assert client.get(reverse("community:person_projects", kwargs={"person_id": world.stranger.pk})).status_code == 404


@pytest.mark.django_db
def test_sessions_have_no_duplicates_at_the_database(db: None) -> None:
    session = SessionFactory.create()
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Session.objects.create(activity=session.activity, starts_at=session.starts_at, ends_at=session.ends_at)


@pytest.mark.django_db
def test_manager_corrects_a_venue(client: Client, world: World) -> None:
    venue = VenueFactory.create(name="Old name")
    sign_in(client, world.manager)
    url = reverse("community:venue_edit", kwargs={"venue_id": venue.pk})
    assert (
        "Enter a real postcode"
        in client.post(url, {"name": "New name", "address_1": "1 Road", "city": "Birmingham", "postcode": "nonsense"}).content.decode()
    )
    client.post(url, {"name": "New name", "address_1": "1 Road", "city": "Birmingham", "postcode": "b5 5sl", "quiet_room": "on"})
    venue.refresh_from_db()
    assert (venue.name, venue.postcode, venue.quiet_room, venue.step_free_access) == ("New name", "B5 5SL", True, False)


@pytest.mark.django_db
def test_timeline_shows_courses_and_each_source_is_one_query(world: World, django_assert_num_queries: DjangoAssertNumQueries) -> None:
    import datetime

    from community import services, timeline
    from community.models import ActivityKind

    today = timezone.localdate()
    course = ActivityFactory.create(
        name="WRAP course",
        kind=ActivityKind.GROUP,
        is_course=True,
        capacity=3,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
    )
    services.enrol(by=world.manager, activity=course, person=world.caseload_person)
    for _ in range(5):
        AttendanceFactory.create(person=world.caseload_person)
    with django_assert_num_queries(1):
        assert len(timeline.attendance_entries(world.caseload_person, 3)) == 3
    with django_assert_num_queries(1):
        assert timeline.enrolment_entries(world.caseload_person, 3)[0].title == "WRAP course: has a place"
