from datetime import date
from decimal import Decimal

import pytest

from conftest import World
from core.disclosure import suppress, suppress_value
from core.periods import Period, quarter_of
from reports import tables
from reports.figures import money, service
from reports.models import Baseline, CostEntry
from reports.tests.fixtures import Fixture, build

Q3 = quarter_of(date(2025, 11, 1))
Q2 = Q3.previous()


@pytest.fixture
def counted(world: World) -> Fixture:
    return build(world.worker)


def test_referrals_by_source_count_a_re_referred_person_twice(counted: Fixture) -> None:
    assert service.referrals_by_source(Q3) == {"gp": 1, "self": 1}
    assert service.referrals_by_source(Q2) == {"cmht": 1}


def test_an_episode_spanning_two_quarters_counts_in_both(counted: Fixture) -> None:
    q2, q3 = service.enablement(Q2), service.enablement(Q3)
    assert q2.people_supported == 1
    assert q3.people_supported == 2  # B has two episodes in Q3 and counts once
    assert q3.episodes_open_at_end == 1
    assert q3.episodes_started == 2
    assert (q2.contacts, q2.hours) == (1, Decimal("1.0"))
    assert (q3.contacts, q3.minutes, q3.hours, q3.did_not_attend, q3.dna_rate) == (2, 120, Decimal("2.0"), 1, "33%")


def test_waiting_time_is_received_to_first_contact(counted: Fixture) -> None:
    q2 = service.waiting(Q2)
    assert (q2.received, q2.within_week, q2.within_target, q2.over_target, q2.not_seen, q2.median_days) == (1, 0, 1, 0, 0, Decimal(19))
    q3 = service.waiting(Q3)
    # B's first referral: first contact 10 Nov is in the second episode, which has no referral.
    assert (q3.received, q3.not_seen) == (2, 2)


def test_moves_on_and_the_share_stepping_down(counted: Fixture) -> None:
    assert service.moves_on(Q3) == {"user_led": 1, "none": 1}
    table = next(t for t in tables.build(Q3, project=None, suppressed=False) if t.key == "episodes-ended")
    assert table.rows[-1] == ("Share who stepped down into a user-led project", ["50%", "None ended", "None ended"])


def test_a_cancelled_session_counts_no_one(counted: Fixture) -> None:
    figures = service.attendances(Q3)
    assert (figures["drop_in"].sessions_run, figures["drop_in"].sessions_cancelled) == (1, 1)
    assert (figures["drop_in"].named, figures["drop_in"].headcount, figures["drop_in"].unique_people) == (2, 3, 2)
    assert (figures["group"].named, figures["group"].unique_people) == (1, 1)
    assert (figures["all"].named, figures["all"].headcount, figures["all"].total, figures["all"].unique_people) == (3, 3, 6, 2)
    assert service.people_supported(Q3) == 2


def test_complexity_over_time(counted: Fixture) -> None:
    from reports.figures.trends import complexity_over_time

    rows = complexity_over_time(Q3)
    assert [(r.label, r.counts, r.complex_share) for r in rows] == [("Oct 2025", {4: 1}, 100), ("Nov 2025", {2: 1}, 0)]


def test_suppression_hides_small_cells_and_what_would_reveal_them() -> None:
    cells, total = suppress([("a", 12), ("b", 3), ("c", 8)], limit=5)
    assert [c.count for c in cells] == [12, None, None] and total == 23
    cells, total = suppress([("a", 2), ("b", 1)], limit=5)
    assert [c.count for c in cells] == [None, None] and total is None
    assert suppress_value(4, limit=5) is None and suppress_value(0, limit=5) == 0 and suppress_value(5, limit=5) == 5


def test_a_commissioner_table_suppresses_the_cell_and_its_total(counted: Fixture) -> None:
    table = next(t for t in tables.build(Q3, project=None, suppressed=True) if t.key == "referrals-by-source")
    rows = dict(table.rows)
    assert rows["GP"][0] == "Not shown" and rows["Self-referral"][0] == "Not shown" and rows["Total"][0] == "Not shown"
    assert rows["Social worker"][0] == "0"
    manager = dict(next(t for t in tables.build(Q3, project=None, suppressed=False) if t.key == "referrals-by-source").rows)
    assert manager["GP"][0] == "1" and manager["Total"][0] == "2"


def test_costs_unit_costs_and_saving(counted: Fixture, world: World) -> None:
    CostEntry.objects.create(starts_on=Q3.start, ends_on=Q3.end, category="staff", amount_pence=1_000_000, recorded_by=world.manager)
    CostEntry.objects.create(starts_on=Q3.start, ends_on=Q3.end, category="venues", amount_pence=200_000, recorded_by=world.manager)
    CostEntry.objects.create(starts_on=Q2.start, ends_on=Q2.end, category="staff", amount_pence=999_999, recorded_by=world.manager)
    Baseline.objects.create(
        description="Day centre", places=10, cost_per_place_per_week_pence=20_000, people_served=20, recorded_by=world.manager
    )
    figures = tables.cost_figures(Q3, today=date(2026, 1, 15))
    assert figures.total_pence == 1_200_000
    assert figures.unit_costs[0][:3] == ("Cost per person supported", "2 people supported (1-to-1, drop-ins and groups)", "£6,000.00")
    assert figures.unit_costs[0].method == "£12,000.00 total cost of the period ÷ 2 people supported (1-to-1, drop-ins and groups)"
    assert figures.unit_costs[1][:3] == ("Cost per contact hour", "2.0 hours of 1-to-1 contact that took place", "£6,000.00")
    assert figures.unit_costs[2][2] == "£2,000.00"  # six attendances
    saving = figures.saving
    assert saving is not None
    assert saving.days == 92 and saving.weeks == Decimal("13.14")  # weeks for display only
    assert saving.baseline_cost_pence == Decimal(10 * 20_000) * 92 / 7  # not rounded before multiplying
    assert saving.same_people_old_model_pence == saving.baseline_cost_pence / 20 * 2
    assert saving.saving_pence == saving.same_people_old_model_pence - 1_200_000
    assert money.pounds(-150) == "-£1.50"


def test_a_ten_year_period_is_grouped_by_quarter(counted: Fixture) -> None:
    from reports.figures.trends import complexity_over_time

    rows = complexity_over_time(Period("custom", date(2016, 1, 1), date(2025, 12, 31)))
    assert sum(r.total for r in rows) == 3
    assert len(rows) == 2


def test_complexity_share_is_hidden_for_commissioners_when_small(counted: Fixture) -> None:
    table = next(t for t in tables.build(Q3, project=None, suppressed=True) if t.key == "complexity")
    assert table.rows[0] == ("Oct 2025", ["0", "0", "0", "Not shown", "0", "Not shown"])
    assert table.chart is not None and "Not shown" in str(table.chart)
    referrals = next(t for t in tables.build(Q3, project=None, suppressed=True) if t.key == "referrals-by-source")
    assert referrals.chart is not None and ">2<" not in str(referrals.chart)


def test_unit_costs_and_saving_hidden_when_they_reveal_a_small_count(counted: Fixture, world: World) -> None:
    CostEntry.objects.create(starts_on=Q3.start, ends_on=Q3.end, category="staff", amount_pence=1_200_000, recorded_by=world.manager)
    Baseline.objects.create(
        description="Day centre", places=10, cost_per_place_per_week_pence=20_000, people_served=20, recorded_by=world.manager
    )
    figures = tables.cost_figures(Q3, suppressed=True)
    assert figures.saving_hidden
    assert figures.unit_costs[0][2] == "Not shown"  # 2 people: £12,000 ÷ cost per person would give it away
    assert figures.unit_costs[1][2] == "£6,000.00"  # contact hours are not a count of people
    rows = dict(tables.cost_table(Q3, figures).rows)
    assert rows["Saving against the old model"] == ["Not shown"] and "People supported by STaR" not in rows
    one_to_one = dict(next(t for t in tables.build(Q3, project=None, suppressed=True) if t.key == "one-to-one").rows)
    assert one_to_one["Did not attend"][0] == "Not shown" and one_to_one["Did-not-attend rate"][0] == "Not shown"


def test_figures_shared_computes_each_figure_once_with_the_same_results(counted: Fixture) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = quarter_of(date(2025, 11, 1))
    with CaptureQueriesContext(connection) as alone:
        separate = (tables.build(period, project=None, suppressed=False), tables.cost_figures(period))
    with CaptureQueriesContext(connection) as together, service.figures_shared():
        shared = (tables.build(period, project=None, suppressed=False), tables.cost_figures(period))
    assert shared == separate
    # people supported, 1-to-1 work, attendances and outcomes of the quarter are not asked again
    assert len(together.captured_queries) < len(alone.captured_queries)
    with CaptureQueriesContext(connection) as again, service.figures_shared():
        service.attendances(period)
        service.attendances(period, None)  # the same call, the default spelled out
        service.attendances(period, project=None)
    assert sum("community_activity" in query["sql"] for query in again.captured_queries) == 2  # sessions, then attendances
    with CaptureQueriesContext(connection) as after:
        service.people_supported(period)
    assert any("UNION" in query["sql"] for query in after.captured_queries)  # outside the block, nothing is kept
