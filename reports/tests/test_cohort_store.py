"""Cohort outcomes from the figures store (reports/cohorts.py, issue 22): the stored aggregates give
exactly the raw computation's figures (every grouping, period kind and scope, and as a restricted
viewer after suppression), writes mark the cohort sets stale, and the page reads no raw history."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from accounts.teams import Scope
from accounts.tests.places import Places, place_world
from community.models import ProjectMembership
from community.tests.factories import ProjectFactory
from conftest import World, sign_in
from core import written
from core.periods import TWELVE_MONTHS, Period, month_of, quarter_of, year_of
from enablement.models import Episode
from enablement.tests.factories import EpisodeFactory
from outcomes.cohorts import GROUPINGS, default_start, kept, paired_change, published
from outcomes.loading import load_shipped_instruments
from outcomes.models import Instrument, Measurement
from outcomes.tests.factories import MeasurementFactory
from people.models import CaseloadEntry, Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from reports import cohorts, store
from reports.models import FigureSet
from reports.tests import test_store

RAW = [model._meta.db_table for model in (Measurement, CaseloadEntry, Episode, ProjectMembership)]
FIRST_DAY, LAST_DAY = date(2025, 1, 1), date(2026, 8, 23)
SEARCHED = datetime(2026, 3, 10, 17, 42, tzinfo=UTC)  # the clock for the default (last 12 months) page


@pytest.fixture
def instruments(db: None) -> dict[str, Instrument]:
    return {instrument.code: instrument for instrument in load_shipped_instruments()}


def _raw_reads(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if any(re.search(rf'\b"?{table}"?\b', q["sql"]) for table in RAW)]


def _table(page: str) -> str:
    return page.split("<table", 1)[1].split("</table>", 1)[0]


def generate(rng: random.Random, places: Places, world: World, instruments: dict[str, Instrument]) -> None:
    """People of two services (or none) with 0 to 5 scores of two measures (ties on a day too), on
    caseloads (some ended), in 1-to-1 work with either Leeds team's worker, in projects or not."""
    workers = [world.worker, places.community_worker, places.bradford_worker]
    projects = [ProjectFactory.create(team=team) for team in (places.community, places.one_to_one)]
    for _ in range(rng.randint(10, 30)):
        person = PersonFactory.create(service=rng.choice([places.leeds, places.leeds, places.bradford, None]))
        for worker in rng.sample(workers, rng.randint(0, 2)):
            entry = CaseloadEntryFactory.create(person=person, worker=worker)
            if rng.random() < 0.2:
                entry.ended_at = entry.started_at + timedelta(days=3)
                entry.save(update_fields=["ended_at"])
        if rng.random() < 0.6:
            EpisodeFactory.create(person=person, worker=rng.choice(workers), started_on=FIRST_DAY + timedelta(days=rng.randint(0, 500)))
        for project in rng.sample(projects, rng.choice([0, 0, 1, 2])):
            ProjectMembership.objects.create(project=project, person=person)
        for code in ("SWEMWBS", "PHQ9"):
            for _ in range(rng.choice([0, 1, 2, 2, 3, 5])):
                day = FIRST_DAY + timedelta(days=rng.choice([0, 0, rng.randint(0, (LAST_DAY - FIRST_DAY).days)]))
                complete = rng.random() < 0.85  # a draft (no score) never counts
                MeasurementFactory.create(
                    person=person,
                    instrument=instruments[code],
                    status="complete" if complete else "draft",
                    measured_on=day,
                    score=Decimal(rng.randint(0, 54)) / 2 if complete else None,
                    raw_score=None,
                    created_by=world.worker,
                )


def _period(rng: random.Random, kind: str) -> Period:
    day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    if kind == TWELVE_MONTHS:
        return cohorts.twelve_months_to(day)
    return {"month": month_of, "quarter": quarter_of, "year": year_of}[kind](day)


def _figures(period: Period, scope: Scope | None, instruments: list[Instrument]) -> list[Any]:
    """Every grouping's figures, unsuppressed for the scope, and suppressed (everyone's)."""
    shown: list[Any] = []
    for instrument in instruments:
        for group_by in GROUPINGS:
            shown.append(paired_change(instrument, group_by=group_by, start=period.start, end=period.end, restricted=False, scope=scope))
        shown.append(published(instrument, start=period.start, end=period.end))
    return shown


def _through_store(period: Period, scope: Scope | None, instruments: list[Instrument]) -> list[Any]:
    with kept(period, scope) as fresh:
        assert fresh is not None
        figures = _figures(period, scope, instruments)
    return figures


STORED_EQUALS_RAW = settings(test_store.STORED_EQUALS_RAW, max_examples=6)  # the dashboard's, with more examples


@pytest.mark.django_db
@STORED_EQUALS_RAW
@given(rng=st.randoms(use_true_random=False), kind=st.sampled_from(["month", "quarter", "year", TWELVE_MONTHS]))
def test_stored_cohort_figures_equal_the_raw_computation(
    world: World, instruments: dict[str, Instrument], rng: random.Random, kind: str
) -> None:
    with transaction.atomic():  # each example's data goes with it
        places = place_world(world)
        generate(rng, places, world, instruments)
        measures = [instruments["SWEMWBS"], instruments["PHQ9"]]
        period = _period(rng, kind)
        for scope in (None, Scope(service_id=places.leeds.pk), Scope(service_id=places.leeds.pk, team_id=places.community.pk)):
            raw = _figures(period, scope, measures)
            first = _through_store(period, scope, measures)  # computed from raw rows once, and stored
            entry = FigureSet.objects.get(kind=period.kind, start=period.start, scope=store.set_key(scope, cohorts.PART))
            assert not entry.stale and entry.end == period.end
            with CaptureQueriesContext(connection) as read:
                again = _through_store(period, scope, measures)  # read back from the store
            assert first == raw
            assert again == raw
            assert _raw_reads(read) == []
        assert not FigureSet.objects.exclude(scope__startswith=f"{cohorts.PART}|").exists()  # the page's own sets only
        transaction.set_rollback(True)


@pytest.fixture
def leeds(world: World, instruments: dict[str, Instrument]) -> Places:
    places = place_world(world)
    generate(random.Random(7), places, world, instruments)
    for change in (-6, -2, 0, 3):  # paired in Leeds in the autumn of 2025, whatever was generated
        person = PersonFactory.create(service=places.leeds)
        for day, score in ((date(2025, 10, 6), 15), (date(2025, 11, 17), 15 + change)):
            MeasurementFactory.create(
                person=person,
                instrument=instruments["PHQ9"],
                status="complete",
                measured_on=day,
                score=Decimal(score),
                raw_score=None,
                created_by=world.worker,
            )
    return places


def _set(period: Period, scope: Scope | None = None) -> FigureSet:
    return FigureSet.objects.get(kind=period.kind, start=period.start, scope=store.set_key(scope, cohorts.PART))


def _store(period: Period, scope: Scope | None, instrument: Instrument) -> list[Any]:
    with kept(period, scope):
        return paired_change(instrument, start=period.start, end=period.end, restricted=False, scope=scope)


@pytest.mark.django_db
def test_a_measurement_saved_or_deleted_in_a_period_marks_its_cohort_set_stale(
    world: World, leeds: Places, instruments: dict[str, Instrument]
) -> None:
    phq9 = instruments["PHQ9"]
    q3, q1 = quarter_of(date(2025, 11, 1)), quarter_of(date(2025, 5, 1))
    before = _store(q3, None, phq9)
    _store(q1, None, phq9)
    person = PersonFactory.create()
    made = _paired_in_q3(person, phq9, world.worker)
    assert _set(q3).stale and not _set(q1).stale  # a write dated into a closed period marks that period only
    after = _store(q3, None, phq9)  # no broker: recomputed in the request
    assert after == paired_change(phq9, start=q3.start, end=q3.end, restricted=False)
    assert after != before and not _set(q3).stale
    made[1].delete()
    assert _set(q3).stale and not _set(q1).stale
    assert _store(q3, None, phq9) == before
    moved = made[0]
    moved.measured_on = date(2025, 5, 2)  # moved from one quarter to another: both
    moved.save()
    assert _set(q3).stale and _set(q1).stale
    assert store.refresh_stale() == 2  # the job (with a broker): each stored figure computed again
    assert not _set(q3).stale and not _set(q1).stale
    for period in (q3, q1):
        with CaptureQueriesContext(connection) as read:
            stored = _store(period, None, phq9)
        assert _raw_reads(read) == []
        assert stored == paired_change(phq9, start=period.start, end=period.end, restricted=False)


@pytest.mark.django_db
def test_caseload_entries_and_episodes_mark_the_cohort_sets_they_group(
    world: World, leeds: Places, instruments: dict[str, Instrument]
) -> None:
    phq9 = instruments["PHQ9"]
    q3 = quarter_of(date(2025, 11, 1))
    team = Scope(service_id=leeds.leeds.pk, team_id=leeds.community.pk)
    person = PersonFactory.create(service=leeds.leeds)  # paired in the quarter; no episode yet
    _paired_in_q3(person, phq9, world.worker)
    for scope in (None, team):
        _store(q3, scope, phq9)
    with store.figures(q3, None):  # the report pages' shared set, which caseloads do not touch
        pass
    shared = FigureSet.objects.get(kind="quarter", start=q3.start, scope="all")
    # Dated years before: a team's cohort figures change all the same.
    EpisodeFactory.create(person_id=person.pk, worker=leeds.community_worker, started_on=date(2020, 1, 6), ended_on=date(2020, 2, 3))
    assert _set(q3, team).stale and not _set(q3).stale
    assert _store(q3, team, phq9) == paired_change(phq9, start=q3.start, end=q3.end, restricted=False, scope=team)
    CaseloadEntryFactory.create(person_id=person.pk, worker=leeds.bradford_worker)  # "by worker", whatever the period
    assert _set(q3).stale and _set(q3, team).stale
    shared.refresh_from_db()
    assert not shared.stale
    for scope in (None, team):
        _store(q3, scope, phq9)
    written.rows_written(CaseloadEntry, [CaseloadEntry(person_id=person.pk, worker=world.worker)])  # a bulk write, said through core
    assert _set(q3).stale and _set(q3, team).stale
    for scope in (None, team):
        _store(q3, scope, phq9)
    phq9.meaningful_change = Decimal(3)  # what counts as a meaningful change
    phq9.save()
    assert _set(q3).stale and _set(q3, team).stale
    assert _store(q3, None, phq9) == paired_change(phq9, start=q3.start, end=q3.end, restricted=False)


@pytest.mark.django_db
def test_the_default_page_reads_stored_figures_and_says_how_fresh(
    client: Client, world: World, leeds: Places, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.manager)
    url = reverse("outcomes:cohorts") + "?instrument=PHQ9&group_by=all"
    with time_machine.travel(SEARCHED, tick=False):
        first = client.get(url).content.decode()  # the first view of the day's 12 months stores them
        today = date(2026, 3, 10)
        entry = FigureSet.objects.get(kind=TWELVE_MONTHS, start=default_start(today))
        assert entry.end == today and entry.scope.startswith(f"{cohorts.PART}|")
    with time_machine.travel(SEARCHED + timedelta(minutes=8), tick=False):
        with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(12):
            again = client.get(url).content.decode()
        for group_by in GROUPINGS:  # each grouping's first view adds it; then it is read
            client.get(reverse("outcomes:cohorts") + f"?instrument=PHQ9&group_by={group_by}")
            with CaptureQueriesContext(connection) as grouping:
                client.get(reverse("outcomes:cohorts") + f"?instrument=PHQ9&group_by={group_by}")
            assert _raw_reads(grouping) == []
    assert _raw_reads(captured) == []
    assert "Figures as of 17:42, 10 March 2026" in again  # when they were computed, not when read
    assert _table(first) == _table(again) and "Everyone" in _table(again)
    custom = client.get(reverse("outcomes:cohorts") + "?instrument=PHQ9&group_by=all&start=2025-10-02&end=2025-12-31").content.decode()
    assert "Figures as of" not in custom  # not a storable period: from raw rows, as before
    assert not FigureSet.objects.filter(start=date(2025, 10, 2)).exists()


@pytest.mark.django_db
def test_a_commissioner_reads_the_years_stored_figures_suppressed_as_from_raw_rows(
    client: Client, world: World, leeds: Places, instruments: dict[str, Instrument], settings: Any
) -> None:
    settings.STAR_SUPPRESSION_THRESHOLD = 3
    sign_in(client, world.commissioner)
    url = reverse("outcomes:cohorts") + "?instrument=PHQ9&group_by=worker&start=2025-04-01&end=2026-03-31"
    raw = published(instruments["PHQ9"], start=date(2025, 4, 1), end=date(2026, 3, 31))
    client.get(url)
    assert _set(year_of(date(2025, 4, 1))) is not None
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert _raw_reads(captured) == []
    assert "Figures as of" in page
    for row in raw["worker"]:
        assert str(escape(row.label)) in page
    with kept(year_of(date(2025, 4, 1)), None):
        assert published(instruments["PHQ9"], start=date(2025, 4, 1), end=date(2026, 3, 31)) == raw


@pytest.mark.django_db
def test_rebuild_only_the_cohort_figures_and_the_job_moves_the_12_months_on_a_day(
    world: World, leeds: Places, instruments: dict[str, Instrument]
) -> None:
    with store.figures(quarter_of(date(2025, 11, 1)), None):
        pass
    shared = FigureSet.objects.get(scope="all")
    with time_machine.travel(datetime(2026, 3, 10, 12, tzinfo=UTC), tick=False):
        call_command("rebuild_figures", "--only", "cohorts", stdout=open("/dev/null", "w"))  # noqa: SIM115
        twelve = cohorts.twelve_months_to(date(2026, 3, 10))
        assert _set(twelve) and _set(quarter_of(date(2026, 3, 10))) and _set(year_of(date(2025, 4, 1)))
        assert FigureSet.objects.get(pk=shared.pk).computed_at == shared.computed_at  # the shared sets left alone
        with kept(twelve, None):
            stored = {
                group_by: paired_change(instruments["PHQ9"], group_by=group_by, start=twelve.start, end=twelve.end, restricted=False)
                for group_by in GROUPINGS
            }
        assert stored == {
            group_by: paired_change(instruments["PHQ9"], group_by=group_by, start=twelve.start, end=twelve.end, restricted=False)
            for group_by in GROUPINGS
        }
    with time_machine.travel(datetime(2026, 3, 11, 0, 1, tzinfo=UTC), tick=False):
        call_command("refresh_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115  # the job, a minute after midnight
        moved = cohorts.twelve_months_to(date(2026, 3, 11))
        assert list(FigureSet.objects.filter(kind=TWELVE_MONTHS).values_list("start", "end")) == [(moved.start, moved.end)]
        with CaptureQueriesContext(connection) as read, kept(moved, None):
            stored = {
                group_by: paired_change(instruments["PHQ9"], group_by=group_by, start=moved.start, end=moved.end, restricted=False)
                for group_by in GROUPINGS
            }
        assert _raw_reads(read) == []
        assert stored == {
            group_by: paired_change(instruments["PHQ9"], group_by=group_by, start=moved.start, end=moved.end, restricted=False)
            for group_by in GROUPINGS
        }
    with time_machine.travel(datetime(2026, 3, 12, 12, tzinfo=UTC), tick=False):
        FigureSet.objects.filter(kind=TWELVE_MONTHS).update(stale=True)
        store.refresh_stale()
        assert not FigureSet.objects.filter(kind=TWELVE_MONTHS).exists()  # yesterday's 12 months: no page asks for it again


def _paired_in_q3(person: Person, instrument: Instrument, by: User) -> list[Measurement]:
    """Two complete scores in Q3 2025/26 (October and December): one pair, 20 down to 4."""
    return [
        MeasurementFactory.create(
            person=person,
            instrument=instrument,
            status="complete",
            measured_on=day,
            score=Decimal(score),
            raw_score=None,
            created_by=by,
        )
        for day, score in ((date(2025, 10, 2), 20), (date(2025, 12, 30), 4))
    ]
