"""Recurring schedules make dated sessions: across the clock changes, around bank holidays, never twice."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError
from hypothesis import given, settings
from hypothesis import strategies as st

from community import services
from community.forms import ActivityForm
from community.models import Activity, ActivityKind, Frequency, Schedule, WeekOfMonth
from community.models.enrolment import CommunityError
from community.tests.factories import ActivityFactory, ScheduleFactory, VenueFactory
from conftest import World

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def _starts(activity: Activity) -> list[datetime.datetime]:
    return list(activity.sessions.order_by("starts_at").values_list("starts_at", flat=True))


@pytest.mark.django_db
def test_weekly_sessions_keep_local_time_across_the_spring_clock_change() -> None:
    # Sundays around the last Sunday of March 2027 (28 March), when clocks go forward.
    activity = ActivityFactory.create()
    ScheduleFactory.create(
        activity=activity, weekday=6, opens_at=datetime.time(10), closes_at=datetime.time(12), valid_from=datetime.date(2027, 3, 1)
    )
    made = services.generate_sessions(activity=activity, start=datetime.date(2027, 3, 14), through=datetime.date(2027, 4, 4))
    starts = _starts(activity)
    assert made == 4
    assert [s.astimezone(LONDON).time() for s in starts] == [datetime.time(10)] * 4
    assert [s.astimezone(UTC).hour for s in starts] == [10, 10, 9, 9]


@pytest.mark.django_db
def test_weekly_sessions_keep_local_time_across_the_autumn_clock_change() -> None:
    # Last Sunday of October 2026 is the 25th: clocks go back.
    activity = ActivityFactory.create()
    ScheduleFactory.create(
        activity=activity, weekday=6, opens_at=datetime.time(14), closes_at=datetime.time(16), valid_from=datetime.date(2026, 10, 1)
    )
    services.generate_sessions(activity=activity, start=datetime.date(2026, 10, 18), through=datetime.date(2026, 11, 1))
    starts = _starts(activity)
    assert [s.astimezone(UTC).hour for s in starts] == [13, 14, 14]
    assert all(s.astimezone(LONDON).hour == 14 for s in starts)
    session = activity.sessions.get(starts_at__date=datetime.date(2026, 10, 25))
    assert session.ends_at - session.starts_at == datetime.timedelta(hours=2)


@pytest.mark.django_db
def test_bank_holidays_are_skipped_unless_the_activity_opens_on_them() -> None:
    # Mondays around Easter 2027: Easter Monday is 29 March.
    closed = ActivityFactory.create(closed_on_bank_holidays=True)
    opened = ActivityFactory.create(closed_on_bank_holidays=False)
    for activity in (closed, opened):
        ScheduleFactory.create(activity=activity, weekday=0, valid_from=datetime.date(2027, 3, 1))
        services.generate_sessions(activity=activity, start=datetime.date(2027, 3, 22), through=datetime.date(2027, 4, 5))
    assert [s.astimezone(LONDON).date() for s in _starts(closed)] == [datetime.date(2027, 3, 22), datetime.date(2027, 4, 5)]
    assert datetime.date(2027, 3, 29) in [s.astimezone(LONDON).date() for s in _starts(opened)]


@pytest.mark.django_db
def test_christmas_substitute_days_are_bank_holidays() -> None:
    activity = ActivityFactory.create()
    ScheduleFactory.create(
        activity=activity, weekday=0, valid_from=datetime.date(2026, 12, 1)
    )  # Monday 28 December 2026 is Boxing Day's substitute
    services.generate_sessions(activity=activity, start=datetime.date(2026, 12, 21), through=datetime.date(2027, 1, 4))
    assert [s.astimezone(LONDON).date() for s in _starts(activity)] == [datetime.date(2026, 12, 21), datetime.date(2027, 1, 4)]


@pytest.mark.django_db
def test_fortnightly_and_monthly_nth_weekday() -> None:
    fortnightly = ActivityFactory.create()
    ScheduleFactory.create(activity=fortnightly, frequency=Frequency.FORTNIGHTLY, weekday=2, valid_from=datetime.date(2026, 6, 3))
    services.generate_sessions(activity=fortnightly, start=datetime.date(2026, 6, 1), through=datetime.date(2026, 7, 1))
    assert [s.astimezone(LONDON).date().day for s in _starts(fortnightly)] == [3, 17, 1]

    first_tuesday = ActivityFactory.create()
    ScheduleFactory.create(
        activity=first_tuesday,
        frequency=Frequency.MONTHLY,
        weekday=1,
        week_of_month=WeekOfMonth.FIRST,
        valid_from=datetime.date(2026, 1, 1),
    )
    services.generate_sessions(activity=first_tuesday, start=datetime.date(2026, 1, 1), through=datetime.date(2026, 3, 31))
    assert [s.astimezone(LONDON).date() for s in _starts(first_tuesday)] == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 2, 3),
        datetime.date(2026, 3, 3),
    ]

    last_friday = ActivityFactory.create()
    ScheduleFactory.create(
        activity=last_friday, frequency=Frequency.MONTHLY, weekday=4, week_of_month=WeekOfMonth.LAST, valid_from=datetime.date(2026, 1, 1)
    )
    services.generate_sessions(activity=last_friday, start=datetime.date(2026, 1, 1), through=datetime.date(2026, 2, 28))
    assert [s.astimezone(LONDON).date() for s in _starts(last_friday)] == [datetime.date(2026, 1, 30), datetime.date(2026, 2, 27)]


@pytest.mark.django_db
def test_generating_twice_never_makes_a_duplicate() -> None:
    activity = ActivityFactory.create()
    ScheduleFactory.create(activity=activity, weekday=3, valid_from=datetime.date(2026, 1, 1))
    first = services.generate_sessions(activity=activity, start=datetime.date(2026, 5, 1), through=datetime.date(2026, 6, 30))
    again = services.generate_sessions(activity=activity, start=datetime.date(2026, 5, 1), through=datetime.date(2026, 7, 31))
    assert first == 8  # Thursdays in May and June 2026
    assert again == 5  # only July's are new
    assert activity.sessions.count() == 13
    with pytest.raises(IntegrityError):
        first_session = activity.sessions.first()
        assert first_session is not None
        activity.sessions.create(starts_at=first_session.starts_at, ends_at=first_session.ends_at)


@pytest.mark.django_db
def test_a_closure_makes_a_cancelled_session_with_the_reason(world: World) -> None:
    activity = ActivityFactory.create()
    ScheduleFactory.create(activity=activity, weekday=1, valid_from=datetime.date(2026, 1, 1))
    services.close_activity_on(by=world.manager, activity=activity, day=datetime.date(2026, 6, 9), reason="The hall is being painted")
    services.generate_sessions(activity=activity, start=datetime.date(2026, 6, 1), through=datetime.date(2026, 6, 20))
    cancelled = activity.sessions.get(starts_at__date=datetime.date(2026, 6, 9))
    assert cancelled.is_cancelled
    assert cancelled.cancellation_reason == "The hall is being painted"
    assert activity.sessions.filter(cancelled_at__isnull=True).count() == 2  # 2 and 16 June


@pytest.mark.django_db
def test_course_sessions_stay_inside_the_course_dates_and_a_session_outside_is_refused(world: World) -> None:
    course = ActivityFactory.create(
        kind=ActivityKind.GROUP, is_course=True, capacity=10, starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 9, 30)
    )
    ScheduleFactory.create(activity=course, weekday=1, valid_from=datetime.date(2026, 1, 1))
    services.generate_sessions(activity=course, start=datetime.date(2026, 8, 1), through=datetime.date(2026, 12, 31))
    assert [s.astimezone(LONDON).date().day for s in _starts(course)] == [1, 8, 15, 22, 29]
    outside = datetime.datetime(2026, 10, 6, 10, tzinfo=LONDON)
    with pytest.raises(CommunityError, match="between the activity's start and end dates"):
        services.create_session(by=world.manager, activity=course, starts_at=outside, ends_at=outside + datetime.timedelta(hours=2))
    assert course.sessions.count() == 5
    inside = datetime.datetime(2026, 9, 3, 18, tzinfo=LONDON)
    assert services.create_session(by=world.manager, activity=course, starts_at=inside, ends_at=inside + datetime.timedelta(hours=1)).pk


@pytest.mark.django_db
def test_a_capacity_of_zero_is_refused() -> None:
    venue = VenueFactory.create()
    form = ActivityForm(
        data={
            "name": "Writing for wellbeing",
            "description": "A six-week course",
            "kind": "group",
            "category": "creative",
            "venue": venue.pk,
            "is_course": "on",
            "starts_on_day": "1",
            "starts_on_month": "9",
            "starts_on_year": "2026",
            "ends_on_day": "30",
            "ends_on_month": "9",
            "ends_on_year": "2026",
            "capacity": "0",
            "how_to_join": "Ask at the drop-in",
        },
        instance=Activity(project=ActivityFactory.create().project),
    )
    assert not form.is_valid()
    assert form.errors["capacity"] == ["Enter a number of places of 1 or more"]
    activity = ActivityFactory.build(
        kind=ActivityKind.GROUP, is_course=True, capacity=0, starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 9, 30)
    )
    with pytest.raises(CommunityError, match="capacity of 1 or more"):
        services.save_activity(by=None, activity=activity)  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):
        ActivityFactory.create(capacity=0)


@pytest.mark.django_db
def test_a_course_needs_its_dates_and_places() -> None:
    activity = ActivityFactory.build(kind=ActivityKind.GROUP, is_course=True)
    with pytest.raises(CommunityError) as error:
        services.save_activity(by=None, activity=activity)  # type: ignore[arg-type]
    assert "Enter the date the course starts" in str(error.value)
    assert "Enter how many people can join the course" in str(error.value)


@settings(max_examples=40, deadline=None)
@given(
    weekday=st.integers(min_value=0, max_value=6),
    frequency=st.sampled_from(list(Frequency)),
    week=st.sampled_from([1, 2, 3, 4, -1]),
    start=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2028, 6, 1)),
    hour=st.integers(min_value=7, max_value=20),
)
def test_every_expanded_date_is_on_the_day_and_at_the_local_time(
    weekday: int, frequency: str, week: int, start: datetime.date, hour: int
) -> None:
    schedule = Schedule(
        frequency=frequency,
        weekday=weekday,
        week_of_month=week if frequency == Frequency.MONTHLY else None,
        opens_at=datetime.time(hour),
        closes_at=datetime.time(hour + 1),
        valid_from=start,
    )
    days = schedule.dates_between(start, start + datetime.timedelta(days=180))
    assert days, "half a year always has at least one date"
    assert len(set(days)) == len(days)
    assert all(day.weekday() == weekday and day >= start for day in days)
    gaps = {(b - a).days for a, b in itertools.pairwise(days)}
    if frequency == Frequency.WEEKLY:
        assert gaps <= {7}
    if frequency == Frequency.FORTNIGHTLY:
        assert gaps <= {14}
    for day in days:
        opens, _ = schedule.local_times(day)
        assert opens.time() == datetime.time(hour)
        assert opens.utcoffset() in (datetime.timedelta(0), datetime.timedelta(hours=1))


@pytest.mark.django_db
def test_the_daily_command_tops_up_the_rolling_window_without_duplicates() -> None:
    from io import StringIO

    from django.core.management import call_command

    activity = ActivityFactory.create(closed_on_bank_holidays=False)
    ScheduleFactory.create(activity=activity, weekday=2, valid_from=datetime.date(2025, 1, 1))
    out = StringIO()
    call_command("generate_sessions", stdout=out)
    made = activity.sessions.count()
    assert made in (8, 9)  # eight weeks ahead, counting today
    call_command("generate_sessions", stdout=out)
    assert activity.sessions.count() == made
    assert out.getvalue().splitlines()[-1] == "0 new sessions"
