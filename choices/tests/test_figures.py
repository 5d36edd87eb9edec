"""Figures on personal budgets and work, for a period: exact for a manager, suppressed below the
threshold for a commissioner and read from the financial year's published figures (core.published),
so a quarter minus its months gives nothing away. Hand-worked figures, on a frozen clock."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from choices import figures
from choices.tests.factories import InPlaceBudgetFactory, PlacementFactory, SpendFactory
from conftest import World, sign_in
from core.disclosure import NOT_SHOWN
from core.periods import month_of, quarter_of, year_of
from people.tests.factories import PersonFactory

TODAY = datetime.date(2026, 10, 1)
FROZEN = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)
Q2 = quarter_of(datetime.date(2026, 7, 1))  # July to September 2026
JULY, AUGUST, SEPTEMBER = (month_of(datetime.date(2026, m, 1)) for m in (7, 8, 9))
YEAR = year_of(TODAY)  # April 2026 to March 2027


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(FROZEN, tick=False):
        yield


def _budget(referred: datetime.date, days_to_payment: int) -> object:
    paid = referred + datetime.timedelta(days=days_to_payment)
    return InPlaceBudgetFactory.create(
        person=PersonFactory.create(),
        conversation_on=referred - datetime.timedelta(days=10),
        referred_on=referred,
        assessed_on=referred + datetime.timedelta(days=5),
        agreed_on=referred + datetime.timedelta(days=6),
        starts_on=paid,
        first_payment_on=paid,
    )


def _rows(rows: list[figures.Row]) -> dict[str, str]:
    return {row.label: row.value for row in rows}


@override_settings(STAR_SUPPRESSION_THRESHOLD=5)
def test_budget_figures_for_a_manager_and_suppressed_for_a_commissioner(client: Client, world: World) -> None:
    # Six budgets referred on 1 June 2026, first paid 30 to 80 days later: four in July, two in August.
    budgets = [_budget(datetime.date(2026, 6, 1), days) for days in (30, 40, 50, 60, 70, 80)]
    for budget in budgets:
        SpendFactory.create(budget=budget, category="activities", amount_pence=1_000, spent_on=datetime.date(2026, 8, 25))
    SpendFactory.create(budget=budgets[0], category="equipment", amount_pence=5_000, spent_on=datetime.date(2026, 8, 26))  # one person
    SpendFactory.create(budget=budgets[1], category="travel", amount_pence=700, spent_on=datetime.date(2026, 8, 27))

    exact = figures.figures_for(Q2, suppress=False, today=TODAY)
    steps = _rows(exact.steps)
    assert steps["Referred to the council"] == "0"  # 1 June: the quarter before
    assert steps["First payments"] == "6" and steps["Budgets that started (people supported to a budget)"] == "6"
    assert exact.median_days == "55 days"  # of 30, 40, 50, 60, 70, 80
    assert _rows(exact.buys)["Equipment and technology"] == "£50.00" and _rows(exact.buys)["All spending recorded"] == "£117.00"
    july = figures.figures_for(JULY, suppress=False, today=TODAY)
    assert _rows(july.steps)["First payments"] == "4"  # 1, 11, 21 and 31 July

    shown = figures.figures_for(Q2, suppress=True, today=TODAY)
    buys = _rows(shown.buys)
    assert buys["Activities, clubs and classes"] == "£60.00"
    assert buys["Equipment and technology"] == NOT_SHOWN
    assert buys["Travel"] == NOT_SHOWN  # complementary: equipment cannot be worked out from the total
    assert shown.median_days == "55 days" and _rows(shown.steps)["First payments"] == "6"
    # July's 4 and August's 2 first payments are hidden: the quarter's 6 minus September's 0 gives neither.
    months = [_rows(figures.figures_for(m, suppress=True, today=TODAY).steps)["First payments"] for m in (JULY, AUGUST, SEPTEMBER)]
    assert months == [NOT_SHOWN, NOT_SHOWN, "0"]
    assert figures.figures_for(JULY, suppress=True, today=TODAY).median_days == NOT_SHOWN

    sign_in(client, world.commissioner)
    page = client.get(reverse("choices:figures") + "?kind=quarter&start=2026-07-01").content.decode()
    assert "numbers under 5 are not shown" in page and "Q2 2026/27" in page
    assert NOT_SHOWN in page and "£50.00" not in page and "£60.00" in page


@override_settings(STAR_SUPPRESSION_THRESHOLD=5)
def test_commissioners_get_calendar_periods_only_and_no_figure_as_at_today(client: Client, world: World) -> None:
    sign_in(client, world.commissioner)
    refused = client.get(reverse("choices:figures") + "?kind=custom&start=2026-07-01&end=2026-07-02")
    assert refused.status_code == 400 and "custom" not in refused.content.decode().split("<select")[1].split("</select>")[0]
    sign_in(client, world.manager)
    assert client.get(reverse("choices:figures") + "?kind=custom&start=2026-07-01&end=2026-07-02").status_code == 200


@override_settings(STAR_SUPPRESSION_THRESHOLD=3)
def test_job_starts_and_people_in_work_at_3_and_6_months(world: World) -> None:
    # Six job starts on 1 February 2026: their 3-month point is 3 May, their 6-month point 2 August.
    # Three are still there; three left on 1 June (after 3 months, before 6).
    for index in range(6):
        ended = datetime.date(2026, 6, 1) if index >= 3 else None
        PlacementFactory.create(
            person=PersonFactory.create(), started_on=datetime.date(2026, 2, 1), ended_on=ended, hours_per_week=16 + index
        )
    # One start on 1 September: its 3-month point (1 December) has not come yet.
    PlacementFactory.create(person=PersonFactory.create(), started_on=datetime.date(2026, 9, 1), hours_per_week=20)
    PlacementFactory.create(
        person=PersonFactory.create(),
        kind="education",
        title="English",
        employer_type="college",
        hours_per_week=None,
        started_on=datetime.date(2026, 9, 2),
    )

    year = figures.figures_for(YEAR, suppress=False, today=TODAY)
    assert year.work == {"job_starts": "1", "education_started": "1", "volunteering_started": "0"}  # February is last year
    three, six = year.sustained
    assert (three.reached, three.still_in_work, three.rate) == ("6", "6", "100%")  # 3 May
    assert (six.reached, six.still_in_work, six.rate) == ("6", "3", "50%")  # 2 August
    assert year.median_hours == "20 hours a week"
    may = figures.figures_for(month_of(datetime.date(2026, 5, 1)), suppress=False, today=TODAY)
    assert may.sustained[0].reached == "6" and may.sustained[1].reached == "0"

    suppressed = figures.figures_for(YEAR, suppress=True, today=TODAY)
    assert suppressed.work["education_started"] == NOT_SHOWN and suppressed.median_hours == NOT_SHOWN
    assert suppressed.sustained[1].still_in_work == "3" and suppressed.sustained[1].rate == "50%"


@override_settings(STAR_SUPPRESSION_THRESHOLD=5)
def test_a_small_number_still_in_work_is_hidden_with_what_gives_it_away(world: World) -> None:
    for index in range(6):  # six starts on 1 February 2026; five left on 1 May, one still in work at 6 months
        ended = datetime.date(2026, 5, 1) if index else None
        PlacementFactory.create(person=PersonFactory.create(), started_on=datetime.date(2026, 2, 1), ended_on=ended)
    six = figures.figures_for(YEAR, suppress=True, today=TODAY).sustained[1]
    assert six.still_in_work == NOT_SHOWN and six.rate == NOT_SHOWN
    assert six.reached == "6"  # the 5 who left are hidden with it (complementary), so the 6 may show


@override_settings(STAR_SUPPRESSION_THRESHOLD=5)
def test_the_page_reads_a_fixed_number_of_queries(client: Client, world: World, django_assert_max_num_queries: object) -> None:
    for index in range(8):
        budget = _budget(datetime.date(2026, 6, 1), 30 + index)
        SpendFactory.create(budget=budget, spent_on=datetime.date(2026, 8, 1 + index))
        PlacementFactory.create(person=PersonFactory.create(), started_on=datetime.date(2026, 4, 1 + index))
    sign_in(client, world.commissioner)
    with django_assert_max_num_queries(40):  # type: ignore[operator]
        assert client.get(reverse("choices:figures") + "?kind=year&start=2026-04-01").status_code == 200


def test_the_figures_page_is_for_managers_and_commissioners_only(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    assert client.get(reverse("choices:figures")).status_code == 403
    sign_in(client, world.manager)
    assert client.get(reverse("choices:figures")).status_code == 200


def test_the_figures_are_linked_from_the_commissioners_and_managers_home(client: Client, world: World) -> None:
    for user in (world.commissioner, world.manager):
        sign_in(client, user)
        assert reverse("choices:figures") in client.get(reverse("home")).content.decode()
