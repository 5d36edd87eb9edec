"""Paired change for groups, against hand-counted figures, with small numbers suppressed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from accounts.tests.factories import UserFactory
from conftest import World, sign_in
from outcomes.cohorts import paired_change, t_critical
from outcomes.models import Instrument, Measurement
from outcomes.tests.factories import MeasurementFactory
from outcomes.views.cohorts import default_cohort_start
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory

A_CHANGES = [5, 4, 3, 0, -1, -4]  # worker A: 3 improved (≥ 3), 1 deteriorated (≤ −3), 2 no meaningful change
B_CHANGES = [1, 2, 3]  # worker B: only 3 people, fewer than 5: suppressed


class Cohort(TypedDict):
    instrument: Instrument
    a: User
    b: User


def measured(person: Person, instrument: Instrument, day: date, score: float, by: User) -> Measurement:
    return MeasurementFactory.create(
        person=person, instrument=instrument, status="complete", measured_on=day, score=Decimal(str(score)), raw_score=None, created_by=by
    )


@pytest.fixture
def cohort(instruments: dict[str, Instrument]) -> Cohort:
    swemwbs = instruments["SWEMWBS"]
    a = UserFactory.create(first_name="Ann", last_name="Able")
    b = UserFactory.create(first_name="Bob", last_name="Baker")
    for worker, changes, last_day in ((a, A_CHANGES, date(2026, 2, 10)), (b, B_CHANGES, date(2026, 5, 10))):
        for index, change in enumerate(changes):
            person = PersonFactory.create(family_name=f"Zqperson{worker.first_name}{index}")
            CaseloadEntryFactory.create(person=person, worker=worker)
            measured(person, swemwbs, date(2025, 11, 1), 20, worker)
            measured(person, swemwbs, date(2025, 12, 1), 10, worker)  # a middle score never counts
            measured(person, swemwbs, last_day, 20 + change, worker)
    only_one = PersonFactory.create()
    CaseloadEntryFactory.create(person=only_one, worker=a)
    measured(only_one, swemwbs, date(2026, 1, 1), 30, a)
    MeasurementFactory.create(person=only_one, instrument=swemwbs, status="draft", measured_on=date(2026, 3, 1), created_by=a)
    return {"instrument": swemwbs, "a": a, "b": b}


def test_everyone_paired_change_matches_the_hand_count(cohort: Cohort) -> None:
    (row,) = paired_change(cohort["instrument"], restricted=False)
    assert row.people == 9 and not row.suppressed
    assert row.mean_change == Decimal("1.44")  # 13 / 9
    assert (row.improved, row.no_change, row.deteriorated) == (4, 4, 1)
    assert row.mean_latest == Decimal("21.44")
    assert row.share(row.improved) == "44%"


def test_by_worker_unsuppressed(cohort: Cohort) -> None:
    rows = {row.label: row for row in paired_change(cohort["instrument"], group_by="worker", restricted=False)}
    ann, bob = rows["Ann Able"], rows["Bob Baker"]
    assert ann.people == 6 and ann.mean_change == Decimal("1.17")  # 7 / 6
    assert (ann.improved, ann.no_change, ann.deteriorated) == (3, 2, 1)
    # Sample SD of A_CHANGES is 3.4303 (sum of squared deviations 58.833 over 5); t(5) = 2.571.
    assert ann.ci_low == Decimal("-2.43") and ann.ci_high == Decimal("4.77")
    assert bob.people == 3 and not bob.suppressed  # a manager sees every figure


def test_restricted_hides_the_small_group_and_what_would_give_it_away(cohort: Cohort) -> None:
    rows = {row.label: row for row in paired_change(cohort["instrument"], group_by="worker")}
    ann, bob = rows["Ann Able"], rows["Bob Baker"]
    assert bob.suppressed and bob.people is None and bob.mean_change is None and bob.share(bob.improved) == ""
    # Everyone (9) is published, so Ann's 6 would give Bob's 3 by difference: Ann is hidden too.
    (everyone,) = paired_change(cohort["instrument"])
    assert everyone.people == 9 and everyone.mean_change == Decimal("1.44")
    assert ann.suppressed and ann.people is None
    # One deteriorated of 9: its share is hidden, and so is the next smallest it would follow from.
    assert everyone.deteriorated is None and everyone.share(everyone.deteriorated) == "Not shown"
    assert None in (everyone.improved, everyone.no_change)


def test_by_project_counts_each_member_in_each_project(cohort: Cohort) -> None:
    from community.models import ProjectMembership
    from community.tests.factories import ProjectFactory

    walking, art = ProjectFactory.create(name="Walking group"), ProjectFactory.create(name="Art group")
    people = {m.person for m in Measurement.objects.filter(instrument=cohort["instrument"]).select_related("person")}
    a_people = sorted((p for p in people if p.family_name.startswith("ZqpersonAnn")), key=lambda p: p.family_name)
    for person in a_people:
        ProjectMembership.objects.create(project=walking, person=person)
    ProjectMembership.objects.create(project=art, person=a_people[0])
    rows = {row.label: row for row in paired_change(cohort["instrument"], group_by="project", restricted=False)}
    assert rows["Walking group"].people == 6 and rows["Walking group"].mean_change == Decimal("1.17")
    assert rows["Art group"].people == 1 and rows["Not in a user-led project"].people == 3


def test_by_quarter_of_the_last_measurement(cohort: Cohort) -> None:
    rows = {row.label: row for row in paired_change(cohort["instrument"], group_by="quarter", restricted=False)}
    assert rows["2026 Q1"].people == 6 and not rows["2026 Q1"].suppressed
    assert rows["2026 Q2"].people == 3


def test_a_period_keeps_only_measurements_inside_it(cohort: Cohort) -> None:
    assert paired_change(cohort["instrument"], start=date(2025, 11, 15)) != []
    (row,) = paired_change(cohort["instrument"], start=date(2025, 11, 15))
    assert row.mean_change == Decimal(str(round((sum(A_CHANGES) + sum(B_CHANGES) + 90) / 9, 2)))  # first is now 10, not 20
    assert paired_change(cohort["instrument"], start=date(2026, 1, 1)) == []


def test_lower_is_better_counts_a_fall_as_improvement(instruments: dict[str, Instrument]) -> None:
    phq9 = instruments["PHQ9"]
    worker = UserFactory.create()
    for first, last in ((20, 10), (15, 10), (12, 11), (8, 14), (10, 10)):
        person = PersonFactory.create()
        measured(person, phq9, date(2026, 1, 1), first, worker)
        measured(person, phq9, date(2026, 3, 1), last, worker)
    (row,) = paired_change(phq9, restricted=False)
    assert (row.improved, row.no_change, row.deteriorated) == (2, 2, 1)


def test_t_critical_values() -> None:
    assert t_critical(5) == 2.571 and t_critical(35) == 2.021 and t_critical(1000) == 1.960


def test_commissioners_see_figures_and_norms_but_never_names(
    client: Client, world: World, cohort: Cohort, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.commissioner)
    url = reverse("outcomes:cohorts") + "?instrument=SWEMWBS&group_by=worker&start=2025-04-01&end=2026-03-31"
    with django_assert_max_num_queries(18):  # the first view stores the year's figures (a read, an insert in a savepoint)
        page = client.get(url).content.decode()
    assert "Ann Able" in page and "Not shown" in page
    assert "Health Survey for England" in page
    assert "+1.17 (−2.43 to +4.77)" not in page  # Ann's figures would give Bob's away
    assert "Zqperson" not in page  # no person's name, ever
    sign_in(client, world.manager)
    page = client.get(reverse("outcomes:cohorts") + "?instrument=SWEMWBS&group_by=worker&start=").content.decode()
    assert "+1.17 (−2.43 to +4.77)" in page and "Bob Baker" in page


def test_commissioners_get_calendar_periods_only(client: Client, world: World, cohort: Cohort) -> None:
    sign_in(client, world.commissioner)
    base = reverse("outcomes:cohorts") + "?instrument=SWEMWBS&group_by=all"
    refused = client.get(base + "&start=2025-10-01&end=2025-10-24").content.decode()
    assert "Choose the first and last day of a month" in refused and "Paired change" not in refused
    assert "Paired change" not in client.get(base + "&start=").content.decode()  # all time: refused too
    for start, end in (("2025-11-01", "2025-11-30"), ("2025-10-01", "2025-12-31"), ("2025-04-01", "2026-03-31")):
        assert "Choose the first and last day" not in client.get(base + f"&start={start}&end={end}").content.decode()


def test_default_start_is_the_last_12_months() -> None:
    assert default_cohort_start(date(2026, 11, 27)) == date(2025, 11, 28)
    assert default_cohort_start(date(2028, 2, 29)) == date(2027, 3, 1)


def test_without_dates_the_page_pairs_the_last_12_months_only(client: Client, world: World, instruments: dict[str, Instrument]) -> None:
    swemwbs = instruments["SWEMWBS"]
    today = timezone.localdate()
    for index in range(5):
        person = PersonFactory.create(family_name=f"Zqrecent{index}")
        measured(person, swemwbs, today - timedelta(days=400), 10, world.worker)  # before the 12 months
        measured(person, swemwbs, today - timedelta(days=300), 20, world.worker)
        measured(person, swemwbs, today - timedelta(days=10), 23, world.worker)
    sign_in(client, world.manager)
    url = reverse("outcomes:cohorts") + "?instrument=SWEMWBS&group_by=all"
    page = client.get(url).content.decode()
    assert default_cohort_start(today).isoformat() in page  # the From box shows the default
    assert "+3.00" in page  # 20 to 23, not 10 to 23
    everything = client.get(url + "&start=").content.decode()
    assert "+13.00" in everything
