"""Figures on personal budgets and work: right for a manager, suppressed below the threshold for a
commissioner (through core.disclosure), and the 3- and 6-month sums with a frozen clock."""

from __future__ import annotations

import datetime

import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from choices import figures
from choices.tests.factories import InPlaceBudgetFactory, PlacementFactory, SpendFactory
from conftest import World, sign_in
from core.disclosure import NOT_SHOWN
from people.tests.factories import PersonFactory

TODAY = datetime.date(2026, 10, 1)
FROZEN = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)


def _budget(days_to_payment: int, **kwargs: object) -> object:
    referred = TODAY - datetime.timedelta(days=200)
    return InPlaceBudgetFactory(
        person=PersonFactory(), referred_on=referred, first_payment_on=referred + datetime.timedelta(days=days_to_payment), **kwargs
    )


@override_settings(STAR_SUPPRESSION_THRESHOLD=5)
def test_budget_figures_for_a_manager_and_suppressed_for_a_commissioner(client: Client, world: World) -> None:
    budgets = [_budget(days) for days in (30, 40, 50, 60, 70, 80)]
    for budget in budgets:
        SpendFactory(budget=budget, category="activities", amount_pence=1_000)
    SpendFactory(budget=budgets[0], category="equipment", amount_pence=5_000)  # one person: must be hidden
    SpendFactory(budget=budgets[1], category="travel", amount_pence=700)  # hidden with it, or equipment comes back by subtraction

    assert figures.people_supported_to_a_budget(suppress=False) == "6"
    assert figures.days_to_first_payment(suppress=False) == ("55 days", "6")
    shown = {row.label: row.value for row in figures.what_budgets_buy(suppress=False)}
    assert shown["Equipment and technology"] == "£50.00" and shown["All spending recorded"] == "£117.00"

    hidden = {row.label: row.value for row in figures.what_budgets_buy(suppress=True)}
    assert hidden["Activities, clubs and classes"] == "£60.00"
    assert hidden["Equipment and technology"] == NOT_SHOWN
    assert hidden["Travel"] == NOT_SHOWN  # complementary: equipment cannot be worked out from the total
    assert figures.days_to_first_payment(suppress=True) == ("55 days", "6")

    sign_in(client, world.commissioner)
    page = client.get(reverse("choices:figures")).content.decode()
    assert "numbers under 5 are not shown" in page
    assert NOT_SHOWN in page and "£50.00" not in page


@override_settings(STAR_SUPPRESSION_THRESHOLD=5)
def test_below_the_threshold_nothing_small_is_shown(world: World) -> None:
    for days in (30, 40):
        _budget(days)
    assert figures.people_supported_to_a_budget(suppress=True) == NOT_SHOWN
    assert figures.days_to_first_payment(suppress=True) == (NOT_SHOWN, NOT_SHOWN)
    assert figures.people_supported_to_a_budget(suppress=False) == "2"
    stages = {row.label: row.value for row in figures.budgets_by_stage(suppress=True)}
    assert stages["Budget in place"] == NOT_SHOWN and stages["All budgets"] == NOT_SHOWN
    assert stages["Ended"] == "0"


@override_settings(STAR_SUPPRESSION_THRESHOLD=3)
def test_people_in_work_at_3_and_6_months(world: World) -> None:
    with time_machine.travel(FROZEN, tick=False):
        # Started 200 days ago and still there: in work at 3 and at 6 months.
        for _ in range(3):
            PlacementFactory(person=PersonFactory(), started_on=TODAY - datetime.timedelta(days=200), hours_per_week=16)
        # Started 200 days ago, left after 100 days: in work at 3 months, not at 6.
        for _ in range(3):
            PlacementFactory(
                person=PersonFactory(),
                started_on=TODAY - datetime.timedelta(days=200),
                ended_on=TODAY - datetime.timedelta(days=100),
                hours_per_week=30,
            )
        # Started 30 days ago: too soon to count at 3 months.
        PlacementFactory(person=PersonFactory(), started_on=TODAY - datetime.timedelta(days=30), hours_per_week=20)
        PlacementFactory(person=PersonFactory(), kind="education", title="English", employer_type="college", hours_per_week=None)

        work = figures.work_outcomes(today=TODAY, suppress=False)
        assert work["job_starts"] == "7"
        three, six = work["three_months"], work["six_months"]
        assert (three.reached, three.still_in_work, three.rate) == ("6", "6", "100%")  # type: ignore[attr-defined]
        assert (six.reached, six.still_in_work, six.rate) == ("6", "3", "50%")  # type: ignore[attr-defined]
        assert work["median_hours"] == "20 hours a week"
        assert work["education_started"] == "1"

        suppressed = figures.work_outcomes(today=TODAY, suppress=True)
        assert suppressed["education_started"] == NOT_SHOWN
        assert suppressed["six_months"].still_in_work == "3"  # type: ignore[attr-defined]


@override_settings(STAR_SUPPRESSION_THRESHOLD=5)
def test_a_small_number_still_in_work_is_hidden_with_what_gives_it_away(world: World) -> None:
    with time_machine.travel(FROZEN, tick=False):
        for index in range(6):
            ended = TODAY - datetime.timedelta(days=300) if index else None  # 5 left after 100 days; 1 still in work
            PlacementFactory(person=PersonFactory(), started_on=TODAY - datetime.timedelta(days=400), ended_on=ended)
        six = figures.work_outcomes(today=TODAY, suppress=True)["six_months"]
        assert six.still_in_work == NOT_SHOWN  # type: ignore[attr-defined]
        # The 5 no longer in work are hidden with it (core.disclosure's complementary rule), so the 6 may show.
        assert six.reached == "6"  # type: ignore[attr-defined]
        assert six.rate == NOT_SHOWN  # type: ignore[attr-defined]


def test_the_figures_page_is_for_managers_and_commissioners_only(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    assert client.get(reverse("choices:figures")).status_code == 403
    sign_in(client, world.manager)
    assert client.get(reverse("choices:figures")).status_code == 200


def test_the_figures_are_linked_from_the_commissioners_and_managers_home(client: Client, world: World) -> None:
    for user in (world.commissioner, world.manager):
        sign_in(client, user)
        assert reverse("choices:figures") in client.get(reverse("home")).content.decode()
