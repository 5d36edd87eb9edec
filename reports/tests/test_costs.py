"""Costs shared out by day, and the saving over the same days on both sides, worked by hand.

Costs: staff £9,200.00 for Q3 2025/26 (1 Oct to 31 Dec 2025, 92 days: £100 a day) and venues
£3,650.00 for the financial year 2025/26 (365 days: £10 a day). The old model: 10 places at £200
a place a week, serving 20 people. People supported (the hand-counted fixture): A and B.
"""

from datetime import date
from decimal import Decimal

import pytest

from conftest import World
from core.periods import Period, month_of, quarter_of, year_of
from reports import tables
from reports.figures import money
from reports.models import Baseline, CostEntry
from reports.tests.fixtures import build


@pytest.fixture
def costed(world: World) -> None:
    build(world.worker)
    CostEntry.objects.create(
        starts_on=date(2025, 10, 1), ends_on=date(2025, 12, 31), category="staff", amount_pence=920_000, recorded_by=world.manager
    )
    CostEntry.objects.create(
        starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31), category="venues", amount_pence=365_000, recorded_by=world.manager
    )
    Baseline.objects.create(
        description="Day centre", places=10, cost_per_place_per_week_pence=20_000, people_served=20, recorded_by=world.manager
    )


def _shown(figures: tables.CostFigures) -> dict[str, str]:
    s = figures.saving
    assert s is not None
    return {
        "staff": money.pounds(figures.by_category["staff"]),
        "venues": money.pounds(figures.by_category["venues"]),
        "total": money.pounds(figures.total_pence),
        "days": str(s.days),
        "star": money.pounds(s.actual_pence),
        "old": money.pounds(s.baseline_cost_pence),
        "per person": money.pounds(s.baseline_cost_per_person_pence),
        "same people": money.pounds(s.same_people_old_model_pence),
        "saving": money.pounds(s.saving_pence),
    }


def test_a_month_gets_its_share_of_a_quarterly_cost(costed: None) -> None:
    # November: 30 days × £100 + 30 × £10. Old model: 10 × £200 × 30 ÷ 7 = £8,571.43; ÷ 20 =
    # £428.57 a person; × 2 people (B's episode, A at the group on 4 November) = £857.14.
    figures = tables.cost_figures(month_of(date(2025, 11, 1)), today=date(2026, 1, 15))
    assert _shown(figures) == {
        "staff": "£3,000.00",
        "venues": "£300.00",
        "total": "£3,300.00",
        "days": "30",
        "star": "£3,300.00",
        "old": "£8,571.43",
        "per person": "£428.57",
        "same people": "£857.14",
        "saving": "-£2,442.86",  # 857.142857… − 3,300
    }


def test_a_quarter(costed: None) -> None:
    # 92 days: £9,200 + £920. Old model 10 × £200 × 92 ÷ 7 = £26,285.71 (not 13.14 weeks = £26,280).
    figures = tables.cost_figures(quarter_of(date(2025, 11, 1)), today=date(2026, 1, 15))
    assert _shown(figures) == {
        "staff": "£9,200.00",
        "venues": "£920.00",
        "total": "£10,120.00",
        "days": "92",
        "star": "£10,120.00",
        "old": "£26,285.71",
        "per person": "£1,314.29",
        "same people": "£2,628.57",
        "saving": "-£7,491.43",
    }
    assert figures.unit_costs[0].cost == "£5,060.00"  # £10,120 ÷ 2 people
    assert figures.unit_costs[2].cost == "£1,686.67"  # £10,120 ÷ 6 attendances


def test_a_year_to_date_compares_the_same_days_on_both_sides(costed: None) -> None:
    # On 15 November 2025 the year has run 229 days (1 April to 15 November). STaR: venues 229 ×
    # £10 = £2,290 and staff 46 days (1 October to 15 November) × £100 = £4,600. Old model: 10 ×
    # £200 × 229 ÷ 7 = £65,428.57, ÷ 20 = £3,271.43 a person, × 2 = £6,542.86.
    figures = tables.cost_figures(year_of(date(2025, 11, 1)), today=date(2025, 11, 15))
    assert figures.span == Period("custom", date(2025, 4, 1), date(2025, 11, 15))
    shown = _shown(figures)
    assert shown["total"] == "£12,850.00"  # the year's costs as recorded, shared out by day
    assert {key: shown[key] for key in ("days", "star", "old", "per person", "same people", "saving")} == {
        "days": "229",
        "star": "£6,890.00",
        "old": "£65,428.57",
        "per person": "£3,271.43",
        "same people": "£6,542.86",
        "saving": "-£347.14",
    }
    # Activity exists only up to today, so unit costs divide the days so far, not the whole year's
    # £12,850 (which would count costs of days to come): £6,890 ÷ 2 people.
    assert figures.unit_costs[0].cost == "£3,445.00"
    assert figures.unit_costs[0].method == (
        "£6,890.00 total cost of the period so far (1 Apr 2025 to 15 Nov 2025) ÷ 2 people supported (1-to-1, drop-ins and groups)"
    )


def test_a_custom_period(costed: None) -> None:
    # 10 to 19 November: 10 days × £110 = £1,100. Old model: 10 × £200 × 10 ÷ 7 = £2,857.14; ÷ 20 =
    # £142.86; one person supported (B; A's episode ended on 20 October).
    figures = tables.cost_figures(Period("custom", date(2025, 11, 10), date(2025, 11, 19)), today=date(2026, 1, 15))
    assert _shown(figures) == {
        "staff": "£1,000.00",
        "venues": "£100.00",
        "total": "£1,100.00",
        "days": "10",
        "star": "£1,100.00",
        "old": "£2,857.14",
        "per person": "£142.86",
        "same people": "£142.86",
        "saving": "-£957.14",
    }


def test_every_unit_cost_says_what_it_divides_and_the_table_shows_it(costed: None) -> None:
    period = quarter_of(date(2025, 11, 1))
    figures = tables.cost_figures(period, today=date(2026, 1, 15))
    rows = dict(tables.cost_table(period, figures).rows)
    assert rows["Cost per contact hour: what it divides"] == [
        "£10,120.00 total cost of the period ÷ 2.0 hours of 1-to-1 contact that took place"
    ]
    assert rows["Days compared (both sides)"] == ["92"] and rows["STaR cost for those days"] == ["£10,120.00"]
    assert Decimal(figures.total_pence) == Decimal(1_012_000)
