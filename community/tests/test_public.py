"""The public directory and calendar feeds: anyone can use them, and no one's data is in them."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pytest_django import DjangoAssertNumQueries

from community.models import Activity, ActivityKind, Session
from community.tests.factories import ActivityFactory, AttendanceFactory, MembershipFactory, ScheduleFactory, SessionFactory, VenueFactory
from conftest import World, without_tokens


@pytest.fixture
def listings(db: None) -> dict[str, Activity]:
    moseley = ActivityFactory.create(name="Moseley drop-in", venue=VenueFactory.create(area="Moseley", postcode="B13 9AB", quiet_room=True))
    ScheduleFactory.create(activity=moseley, weekday=1)
    erdington = ActivityFactory.create(
        name="Erdington art group",
        kind=ActivityKind.GROUP,
        category="creative",
        venue=VenueFactory.create(area="Erdington", postcode="B23 6TS", step_free_access=False),
    )
    ScheduleFactory.create(activity=erdington, weekday=3)
    return {"moseley": moseley, "erdington": erdington}


def names(client: Client, query: str = "") -> list[str]:
    response = client.get(reverse("community:directory") + query)
    assert response.status_code == 200
    return [name for name in ("Moseley drop-in", "Erdington art group") if name in response.content.decode()]


def test_anyone_can_find_drop_ins_and_filter_them(client: Client, listings: dict[str, Activity]) -> None:
    assert names(client) == ["Moseley drop-in", "Erdington art group"]
    assert names(client, "?day=1") == ["Moseley drop-in"]
    assert names(client, "?area=Erdington") == ["Erdington art group"]
    assert names(client, "?kind=group") == ["Erdington art group"]
    assert names(client, "?category=creative") == ["Erdington art group"]
    assert names(client, "?features=quiet_room") == ["Moseley drop-in"]
    assert names(client, "?features=step_free") == ["Moseley drop-in"]
    assert names(client, "?postcode=B13+8AA&within=1") == ["Moseley drop-in"]
    assert names(client, "?postcode=b24&within=3") == ["Erdington art group"]


def test_open_now_shows_only_activities_with_a_session_running(client: Client, listings: dict[str, Activity]) -> None:
    SessionFactory.create(activity=listings["moseley"])  # started half an hour ago
    later = timezone.now() + datetime.timedelta(days=1)
    SessionFactory.create(activity=listings["erdington"], starts_at=later, ends_at=later + datetime.timedelta(hours=1))
    assert names(client, "?open_now=on") == ["Moseley drop-in"]


@time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_sessions_in_progress_are_those_started_and_not_ended_however_long(db: None) -> None:
    """Found by their start within a day, or among the sessions longer than a day (their own index
    on PostgreSQL): the same sessions as the plain rule."""
    now, hour = timezone.now(), datetime.timedelta(hours=1)
    activity = ActivityFactory.create()
    spans = {
        "this morning": (now - 2 * hour, now + hour),
        "a weekend retreat": (now - 50 * hour, now + 2 * hour),
        "a week-long course": (now - 150 * hour, now + 20 * hour),
        "starting now": (now, now + hour),
        "ended now": (now - 3 * hour, now),
        "yesterday's long session": (now - 40 * hour, now - hour),
        "tomorrow": (now + 24 * hour, now + 26 * hour),
        "cancelled": (now - hour, now + hour),
    }
    made = {name: SessionFactory.create(activity=activity, starts_at=start, ends_at=end) for name, (start, end) in spans.items()}
    Session.objects.filter(pk=made["cancelled"].pk).update(cancelled_at=now - hour)
    plain = Session.objects.filter(cancelled_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
    found = set(Session.objects.in_progress(now))
    assert found == set(plain)
    assert {name for name, session in made.items() if session in found} == {
        "this morning",
        "a weekend retreat",
        "a week-long course",
        "starting now",
    }


def test_a_postcode_outside_birmingham_gets_a_clear_message(client: Client, listings: dict[str, Activity]) -> None:
    response = client.get(reverse("community:directory") + "?postcode=SW1A+1AA&day=99")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a Birmingham postcode" in body
    assert "Error:" in body


def test_activity_page_shows_times_venue_directions_and_how_to_join(client: Client, listings: dict[str, Activity]) -> None:
    activity = listings["moseley"]
    session = SessionFactory.create(
        activity=activity,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=2),
    )
    Session.objects.filter(pk=session.pk).update(cancelled_at=timezone.now(), cancellation_reason="The hall is flooded")
    body = client.get(reverse("community:activity_page", kwargs={"activity_id": activity.pk})).content.decode()
    for expected in (
        "Every Tuesday, 10am to 12pm",
        "The green door next to the library",
        "Buses 50 and 35",
        "Just turn up.",
        "Quiet room",
        "Cancelled: The hall is flooded",
    ):
        assert expected in body


def test_no_personal_data_on_public_pages(client: Client, world: World, listings: dict[str, Activity]) -> None:
    activity = listings["moseley"]
    session = SessionFactory.create(activity=activity)
    MembershipFactory.create(project=activity.project, person=world.caseload_person)
    AttendanceFactory.create(session=session, person=world.caseload_person)
    pages = [
        reverse("community:directory"),
        reverse("community:activity_page", kwargs={"activity_id": activity.pk}),
        reverse("community:activity_calendar", kwargs={"activity_id": activity.pk}),
        reverse("community:project_calendar", kwargs={"project_id": activity.project_id}),
    ]
    for page in pages:
        body = without_tokens(client.get(page).content.decode())
        assert "Lovelace" not in body and "Ada" not in body


def test_calendar_feeds_are_valid_icalendar(client: Client, listings: dict[str, Activity]) -> None:
    activity = listings["moseley"]
    SessionFactory.create(activity=activity)
    cancelled = SessionFactory.create(
        activity=activity,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        ends_at=timezone.now() + datetime.timedelta(days=7, hours=1),
    )
    Session.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now(), cancellation_reason="Snow")
    response = client.get(reverse("community:activity_calendar", kwargs={"activity_id": activity.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    assert {str(event["STATUS"]) for event in events} == {"CONFIRMED", "CANCELLED"}
    project_feed = client.get(reverse("community:project_calendar", kwargs={"project_id": activity.project_id}))
    assert len(Calendar.from_ical(project_feed.content).walk("VEVENT")) == 2


def test_inactive_or_unknown_activities_are_not_found(client: Client, db: None) -> None:
    hidden = ActivityFactory.create(is_active=False)
    assert client.get(reverse("community:activity_page", kwargs={"activity_id": hidden.pk})).status_code == 404
    assert client.get(reverse("community:activity_calendar", kwargs={"activity_id": hidden.pk})).status_code == 404


def test_directory_query_count_is_bounded(client: Client, db: None, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    for _ in range(25):
        ScheduleFactory.create(activity=ActivityFactory.create())
    with django_assert_max_num_queries(8):
        assert client.get(reverse("community:directory")).status_code == 200


def test_a_course_that_has_finished_leaves_the_directory(client: Client, db: None) -> None:
    finished = ActivityFactory.create(
        name="Old course",
        kind=ActivityKind.GROUP,
        is_course=True,
        capacity=5,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 3, 1),
    )
    ScheduleFactory.create(activity=finished)
    assert "Old course" not in client.get(reverse("community:directory")).content.decode()


def test_directory_builds_only_the_page_it_shows(db: None) -> None:
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community import directory

    for number in range(25):
        ScheduleFactory.create(activity=ActivityFactory.create(name=f"Group {number:02}"), weekday=number % 7)
    listings = directory.find_activities()
    assert len(listings) == 25
    page = Paginator(listings, 20).get_page(2)
    assert [listing.activity.name for listing in page.object_list] == ["Group 20", "Group 21", "Group 22", "Group 23", "Group 24"]
    assert listings[0].activity.name == "Group 00" and listings[-1].activity.name == "Group 24"
    with CaptureQueriesContext(connection) as captured:
        shown = Paginator(directory.find_activities(), 20).get_page(1).object_list
    # A capped count, the page's ids along the name index, those 20 activities, their schedules.
    assert len(shown) == 20 and len(captured.captured_queries) == 4
