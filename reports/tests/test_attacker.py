"""The attacker test: a commissioner's figures for generated small cohorts, attacked.

Every table a commissioner can reach for a financial year (each month, quarter and the year) is
built as the commissioner gets it; the attacker knows every shown figure and every way they add up
(sources = waiting times = complexity = total; months = quarter; quarters = year; drop-ins +
groups = all; named + counted = total), and that hidden figures are never 0. The test fails if any
hidden figure can be worked out exactly, if a chart shows a figure the table hides, if a rate
is shown next to a hidden count, or if the CSV differs from the page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from conftest import World, sign_in
from core.disclosure import NOT_SHOWN, cube_lines, determined_keys
from core.periods import month_of, quarter_of, year_of
from core.published import hierarchy_of, key_of
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from reports import tables
from reports.exports import table_rows, to_csv
from reports.figures import published
from reports.tests.fixtures import at

YEAR = year_of(date(2025, 4, 1))
MONTHS = [month_of(date(2025, 4 + m, 1) if m < 9 else date(2026, m - 8, 1)) for m in range(12)]
QUARTERS = [quarter_of(MONTHS[3 * q].start) for q in range(4)]

cohorts = st.lists(
    st.tuples(st.integers(0, 364), st.sampled_from(Referral.Source.values), st.sampled_from([None, 1, 2, 3, 4])),
    min_size=1,
    max_size=14,
)


def _published_view(period: Any) -> dict[tuple[Any, str], str]:
    """What the commissioner's referral tables show for one period, keyed like the cube."""
    built = {t.key: t for t in tables.build(period, project=None, suppressed=True)}
    shown: dict[tuple[Any, str], str] = {}
    key = key_of(period)
    sources = dict(built["referrals-by-source"].rows)
    for value, label in Referral.Source.choices:
        shown[(key, f"source:{value}")] = sources[label][0]
    shown[(key, "total")] = sources["Total"][0]
    waits = built["waiting-times"].rows
    for row, (_, cells) in zip(published.WAITS, waits[:4], strict=True):
        shown[(key, row)] = cells[0]
    assert dict(waits)["Total"][0] == shown[(key, "total")]  # the two tables' totals agree
    chart = str(built["referrals-by-source"].chart)
    if shown[(key, "total")] == NOT_SHOWN:
        assert f">{published.referrals(YEAR).values[(key, 'total')]}<" not in chart.split("</title>")[1].split("</text>")[0]
    return shown


class TestAttacks(TestCase):
    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(cohort=cohorts)
    def test_no_hidden_referral_figure_can_be_worked_out(self, cohort: list[tuple[int, str, int | None]]) -> None:
        for day, source, complexity in cohort:
            ReferralFactory.create(received_at=at(YEAR.start + timedelta(days=day)), source=source, complexity=complexity)
        cube = published.referrals(YEAR)
        seen: dict[tuple[Any, str], str] = {}
        for period in [*MONTHS, *QUARTERS, YEAR]:
            seen.update(_published_view(period))
        hidden = {key for key, text in seen.items() if text == NOT_SHOWN}
        for key, text in seen.items():
            if text != NOT_SHOWN:
                assert int(text) == cube.values[key]  # what is shown is true
                assert not 0 < cube.values[key] < 5  # and never small
        rows = [*published.SOURCES, *published.WAITS, "total"]
        lines = cube_lines(hierarchy_of(YEAR), rows, [("total", published.SOURCES), ("total", published.WAITS)])
        # Complexity cells are published too: treat them as the cube does (shown or hidden).
        lines += [line for line in cube.lines if any(str(k[1]).startswith("complexity") for k in (line[0], *line[1]))]
        hidden |= {key for key in cube.values if str(key[1]).startswith("complexity") and key in cube.hidden}
        values = dict(cube.values)
        assert determined_keys(values, lines, hidden) == set()


@pytest.mark.django_db
def test_dna_rate_and_attendance_chart_are_hidden_with_their_inputs(client: Client, world: World) -> None:
    from reports.tests.fixtures import build

    build(world.worker)
    sign_in(client, world.commissioner)
    quarter = quarter_of(date(2025, 11, 1))
    built = {t.key: t for t in tables.build(quarter, project=None, suppressed=True)}
    one_to_one = dict(built["one-to-one"].rows)
    if NOT_SHOWN in (one_to_one["Did not attend"][0], one_to_one["Contacts that took place"][0]):
        assert one_to_one["Did-not-attend rate"][0] == NOT_SHOWN
    attendances = dict(built["attendances"].rows)
    named, counted = attendances["All: named attendances"][0], attendances["All: counted, not named"][0]
    assert named == NOT_SHOWN  # 3 named
    chart = str(built["attendances"].chart)
    if ">6<" in chart:  # the bar (named + counted) may show only when neither part alone gives the other
        assert named == counted == NOT_SHOWN
    # Page and export show the same figures.
    query = "?kind=quarter&start=2025-11-01"
    csv = client.get(reverse("reports:export_table", kwargs={"key": "attendances", "fmt": "csv"}) + query).content.decode()
    assert csv == to_csv(table_rows(built["attendances"]))
    page = client.get(reverse("reports:dashboard") + query).content.decode()
    assert "Drop-in and group attendances" in page


@pytest.mark.django_db
def test_different_people_named_are_suppressed_across_drop_ins_groups_and_all(world: World) -> None:
    """Drop-ins 3 different people, groups 10, all 13: "all − groups" would give the drop-ins' 3, so
    another of the three is hidden too (they are treated as adding up, which only hides more)."""
    from community.models import ActivityKind
    from community.tests.factories import ActivityFactory, AttendanceFactory, ProjectFactory, SessionFactory
    from people.tests.factories import PersonFactory

    project = ProjectFactory.create()
    day = date(2025, 11, 4)
    for kind, people in ((ActivityKind.DROP_IN, 3), (ActivityKind.GROUP, 10)):
        session = SessionFactory.create(activity=ActivityFactory.create(project=project, kind=kind), starts_at=at(day), ends_at=at(day, 12))
        for person in PersonFactory.create_batch(people):
            AttendanceFactory.create(session=session, person=person)
    quarter = quarter_of(day)
    rows = dict(next(t for t in tables.build(quarter, project=None, suppressed=True) if t.key == "attendances").rows)
    shown = {name: rows[f"{name}: different people named"][0] for name in ("Drop-ins", "Groups", "All")}
    assert shown["Drop-ins"] == NOT_SHOWN
    assert NOT_SHOWN in (shown["Groups"], shown["All"]), shown
    unsuppressed = dict(next(t for t in tables.build(quarter, project=None, suppressed=False) if t.key == "attendances").rows)
    assert [unsuppressed[f"{n}: different people named"][0] for n in ("Drop-ins", "Groups", "All")] == ["3", "10", "13"]
