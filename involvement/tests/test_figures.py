"""Figures for managers: computed in the database, people-counts suppressed when small."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from conftest import World
from core.bank_holidays import is_bank_holiday
from core.disclosure import Cell, suppress
from core.periods import Period
from involvement import figures
from involvement.models import ActivityType, FeedbackKind
from involvement.tests.factories import ActivityFactory, ComplaintFactory, FeedbackFactory, ParticipantFactory, ThemeFactory
from people import equality
from people.models import EqualityMonitoring, Person
from people.tests.factories import PersonFactory

LAST_YEAR = Period("custom", timezone.localdate() - datetime.timedelta(days=365), timezone.localdate())


def counts(cells: list[Cell]) -> list[int | None]:
    return [cell.count for cell in cells]


# Suppression rules -----------------------------------------------------------------------------


def test_counts_of_five_or_more_are_shown() -> None:
    cells, total = suppress([("a", 5), ("b", 7)], limit=5)
    assert counts(cells) == [5, 7] and total == 12


def test_a_count_below_the_threshold_and_the_next_smallest_are_hidden() -> None:
    cells, total = suppress([("a", 4), ("b", 7), ("c", 20)], limit=5)
    assert counts(cells) == [None, None, 20] and total == 31  # 4 alone could be worked out from 31 − 7 − 20


def test_zero_is_not_hidden_and_does_not_protect_a_small_cell() -> None:
    cells, total = suppress([("a", 0), ("b", 1), ("c", 9)], limit=5)
    assert counts(cells) == [0, None, None] and total == 10


def test_two_small_cells_that_add_up_to_less_than_the_threshold_take_a_third_with_them() -> None:
    cells, _ = suppress([("a", 1), ("b", 1), ("c", 6), ("d", 30)], limit=5)
    assert counts(cells) == [None, None, None, 30]


def test_a_small_total_is_hidden() -> None:
    cells, total = suppress([("a", 2), ("b", 1)], limit=5)
    assert counts(cells) == [None, None] and total is None


def test_exactly_the_threshold_is_shown() -> None:
    cells, total = suppress([("a", 5)], limit=5)
    assert counts(cells) == [5] and total == 5


@given(st.lists(st.integers(0, 40), min_size=1, max_size=8), st.integers(2, 10))
def test_no_small_count_can_be_seen_or_worked_out(values: list[int], limit: int) -> None:
    cells, total = suppress([(str(i), v) for i, v in enumerate(values)], limit=limit)
    shown = [c.count for c in cells if c.count is not None]
    assert all(v == 0 or v >= limit for v in shown)
    hidden = [v for c, v in zip(cells, values, strict=True) if c.count is None]
    if total is not None and hidden:
        # What subtraction reveals is the sum of the hidden cells: never a single small one.
        assert len(hidden) >= 2 and sum(hidden) >= limit
    if total is None:
        # Hidden because it is small, or because it would pin every hidden cell at 1 (hidden
        # cells are never 0, so a total equal to their number tells each one).
        assert 0 < sum(values) < limit or sum(hidden) <= len(hidden)


# Figures from the database ---------------------------------------------------------------------


def member_with(sex: str) -> Person:
    person = PersonFactory.create()
    EqualityMonitoring.objects.create(person=person, sex=sex)
    return person


@pytest.mark.django_db
def test_headline_counts_people_once_and_how_often_they_took_part() -> None:
    regular, occasional = PersonFactory.create(), PersonFactory.create()
    meetings = [ActivityFactory.create(unnamed_members=2) for _ in range(4)]
    for meeting in meetings:
        ParticipantFactory.create(activity=meeting, person=regular)
    ParticipantFactory.create(activity=meetings[0], person=occasional)
    ActivityFactory.create(held_on=timezone.localdate() - datetime.timedelta(days=800))  # outside the period
    numbers = figures.headline(LAST_YEAR)
    assert numbers == {"activities": 4, "unnamed": 8, "members": 2, "participations": 5, "once": 1, "two_to_three": 0, "four_or_more": 1}


@pytest.mark.django_db
def test_members_by_activity_type_are_suppressed_when_small() -> None:
    steering = ActivityFactory.create(activity_type=ActivityType.STEERING_GROUP)
    consultation = ActivityFactory.create(activity_type=ActivityType.CONSULTATION, unnamed_members=12)
    for _ in range(6):
        ParticipantFactory.create(activity=steering)
    for _ in range(2):
        ParticipantFactory.create(activity=consultation)
    rows = {row.label: row for row in figures.by_activity_type(LAST_YEAR)}
    assert rows["Steering group meeting"].members.count is None  # hidden with the small one beside it
    assert rows["Consultation event"].members.count is None
    assert rows["Consultation event"].activities == 1 and rows["Consultation event"].unnamed_members == 12


@pytest.mark.django_db
def test_members_by_equality_group_with_suppression_by_subtraction() -> None:
    activity = ActivityFactory.create()
    for _ in range(6):
        ParticipantFactory.create(activity=activity, person=member_with(equality.Sex.FEMALE))
    for _ in range(5):
        ParticipantFactory.create(activity=activity, person=member_with(equality.Sex.MALE))
    ParticipantFactory.create(activity=activity, person=PersonFactory.create())  # no equality answers: not known
    table = figures.by_equality_group(LAST_YEAR, "sex")
    shown = {cell.label: cell.count for cell in table.cells}
    assert table.total == 12
    assert shown["Not known"] is None
    assert shown["Male"] is None  # the next smallest, or 12 − 6 − 5 would reveal the 1
    assert shown["Female"] == 6


@pytest.mark.django_db
def test_ethnicity_is_grouped_broadly_in_the_database() -> None:
    activity = ActivityFactory.create()
    for ethnicity in [equality.Ethnicity2021.ASIAN_PAKISTANI] * 3 + [equality.Ethnicity2021.ASIAN_INDIAN] * 3:
        person = PersonFactory.create()
        EqualityMonitoring.objects.create(person=person, ethnicity=ethnicity)
        ParticipantFactory.create(activity=activity, person=person)
    table = figures.by_equality_group(LAST_YEAR, "ethnicity")
    assert [(c.label, c.count) for c in table.cells] == [("Asian or Asian British", 6)]


def an_ordinary_monday_at_least_ten_days_ago() -> datetime.datetime:
    """A Monday morning with no bank holiday in the eight days after it, so "6 days later" is
    always 4 working days, whatever today is (Christmas and Easter move the deadline)."""
    day = timezone.localdate() - datetime.timedelta(days=10)
    while day.weekday() != 0 or any(is_bank_holiday(day + datetime.timedelta(days=n)) for n in range(9)):
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


@pytest.mark.django_db
def test_complaint_response_times(world: World) -> None:
    from involvement import services

    received = an_ordinary_monday_at_least_ten_days_ago()
    for acknowledged_after in (1, 2, 6):
        complaint = ComplaintFactory.create(received_at=received)
        services.move_complaint(by=world.manager, feedback=complaint, to_status="acknowledged")
        type(complaint).objects.filter(pk=complaint.pk).update(
            acknowledged_at=complaint.received_at + datetime.timedelta(days=acknowledged_after)
        )
    ComplaintFactory.create()  # still open
    result = figures.complaint_figures(LAST_YEAR)
    assert result.received == 4 and result.acknowledged == 3 and result.still_open == 4
    assert result.median_days_to_acknowledge == 2.0
    assert result.acknowledged_on_time == 2  # 6 days is past 3 working days
    assert result.median_days_to_respond is None and result.responded_share == "None yet"


@pytest.mark.django_db
def test_the_median_of_an_even_number_is_the_middle_two_averaged(world: World) -> None:
    now = timezone.now()
    for hours in (24, 48, 72, 240):
        complaint = ComplaintFactory.create(received_at=now - datetime.timedelta(days=20))
        type(complaint).objects.filter(pk=complaint.pk).update(
            status="acknowledged", acknowledged_at=complaint.received_at + datetime.timedelta(hours=hours)
        )
    assert figures.complaint_figures(LAST_YEAR).median_days_to_acknowledge == 2.5


@pytest.mark.django_db
def test_compliments_and_ideas_by_theme() -> None:
    venues, staff = ThemeFactory.create(name="Venues", position=1), ThemeFactory.create(name="Staff", position=2)
    FeedbackFactory.create(kind=FeedbackKind.IDEA, theme=venues)
    FeedbackFactory.create(kind=FeedbackKind.IDEA, theme=venues)
    FeedbackFactory.create(kind=FeedbackKind.COMPLIMENT, theme=staff)
    FeedbackFactory.create(kind=FeedbackKind.COMPLIMENT, theme=None)
    ComplaintFactory.create(theme=staff)  # complaints are counted elsewhere
    assert figures.feedback_by_theme(LAST_YEAR) == [("Venues", 0, 2), ("Staff", 1, 0), ("No theme", 1, 0)]


@pytest.mark.django_db
def test_the_figures_page_costs_the_same_however_much_data(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    from conftest import sign_in

    sign_in(client, world.manager)
    url = reverse("involvement:figures")
    ParticipantFactory.create()
    ComplaintFactory.create()
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(20):
        ParticipantFactory.create(person=member_with(equality.Sex.FEMALE))
        FeedbackFactory.create(theme=ThemeFactory.create())
        ComplaintFactory.create()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Named members by equality group" in page


def test_how_often_hides_small_groups_of_people() -> None:
    cells, total = figures.how_often({"once": 3, "two_to_three": 10, "four_or_more": 12})
    assert [c.count for c in cells] == [None, None, 12] and total == 25
