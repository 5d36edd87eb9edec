"""The figures store (reports/store.py): stored figures are the raw computation's, writes mark them
stale, the job brings them up to date, and a page of a fresh stored period reads no raw history."""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accounts.teams import Scope
from community.models import Attendance, Session
from community.tests.factories import AttendanceFactory
from conftest import World, sign_in
from core import written
from core.disclosure import Line
from core.periods import Period, month_of, quarter_of, year_of
from core.published import Key, Published
from enablement.models import Contact, Episode, MoveOn
from enablement.tests.factories import ContactFactory
from involvement.models import Feedback, InvolvementActivity, Participant
from outcomes.models import Measurement
from people.models import EqualityMonitoring, Person
from people.tests.factories import PersonFactory
from questions.models import Answer
from referrals.models import Referral
from reports import store, tables
from reports.figures import equality, own_questions, service
from reports.figures.codec import decode, encode
from reports.models import CostEntry, FigurePart, FigureSet
from reports.teams import cost_figures_for
from reports.tests.fixtures import at, build
from reports.tests.test_attacker_everything import generate
from volunteers.models import HoursEntry

Q3 = quarter_of(date(2025, 11, 1))  # the fixture's quarter: October to December 2025
Q2 = Q3.previous()
RAW_HISTORY = [
    model._meta.db_table
    for model in (
        Referral,
        Episode,
        Contact,
        MoveOn,
        Session,
        Attendance,
        Measurement,
        Answer,
        Feedback,
        InvolvementActivity,
        Participant,
        HoursEntry,
        CostEntry,
        Person,
        EqualityMonitoring,
    )
]


def _everything(period: Period, scope: Scope | None) -> list[Any]:
    """Every figure the dashboard, its costs and the equality page show, as each viewer sees them."""
    shown: list[Any] = []
    with service.scoped(scope):
        for suppressed in (False, True):
            shown += tables.build(period, project=None, suppressed=suppressed)
            shown.append(cost_figures_for(period, scope, suppressed=suppressed))
            shown += [equality.equality_table(q, period, suppressed=suppressed) for q in equality.QUESTIONS]
            shown += own_questions.monitoring_tables(period, suppressed=suppressed)
    return shown


def _through_store(period: Period, scope: Scope | None) -> list[Any]:
    with store.figures(period, scope):
        return _everything(period, scope)


def _stale(period: Period) -> bool:
    return FigureSet.objects.get(kind=period.kind, start=period.start, scope="all").stale


def _touches_raw_history(sql: str) -> list[str]:
    return [table for table in RAW_HISTORY if re.search(rf'\b"?{table}"?\b', sql)]


STORED_EQUALS_RAW = settings(
    max_examples=4,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.django_db
@STORED_EQUALS_RAW
@given(rng=st.randoms(use_true_random=False), which=st.sampled_from(["month", "quarter", "year"]))
def test_stored_figures_equal_the_raw_computation(world: World, rng: random.Random, which: str) -> None:
    with transaction.atomic():  # each example's data goes with it
        generate(world, rng)
        day = date(2025, 4, 1) + (date(2026, 3, 31) - date(2025, 4, 1)) * rng.random()
        period = {"month": month_of, "quarter": quarter_of, "year": year_of}[which](day)
        raw = _everything(period, None)
        first = _through_store(period, None)  # computed from raw rows once, and stored
        entry = FigureSet.objects.get(kind=period.kind, start=period.start, scope="all")
        assert not entry.stale
        with CaptureQueriesContext(connection) as read:
            again = _through_store(period, None)  # read back from the store
        assert first == raw
        assert again == raw
        assert not [q["sql"] for q in read.captured_queries if _touches_raw_history(q["sql"])]
        transaction.set_rollback(True)


@given(
    value=st.recursive(
        st.none() | st.integers() | st.text() | st.decimals(allow_nan=False) | st.dates(),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.tuples(inner, inner)
            | st.dictionaries(st.tuples(st.text(max_size=3), st.dates()) | st.text(), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_the_codec_gives_back_what_it_was_given(value: Any) -> None:
    assert decode(encode(value)) == value


period_keys = st.tuples(st.sampled_from(["month", "quarter", "year"]), st.dates())


@given(
    values=st.dictionaries(st.tuples(period_keys, st.text(max_size=4)), st.integers(min_value=-(10**6), max_value=10**6), max_size=12),
    hidden=st.sets(st.tuples(period_keys, st.text(max_size=4)), max_size=4),
)
def test_a_published_figure_is_kept_compactly_and_read_back_equal(values: dict[Key, int], hidden: set[Key]) -> None:
    lines: list[Line[Key]] = []
    for key in list(values)[:1]:
        lines.append((key, [key]))
    published = Published(values, hidden, lines=lines)
    stored = encode(published)
    assert "packed" in stored  # its own compact form, not tagged tuples (nor its lines)
    again = decode(json.loads(json.dumps(stored)))
    assert (again.values, again.hidden) == (values, hidden)


def test_a_national_attendance_cube_stays_small_in_the_store() -> None:
    """A year's cube for 3,618 projects (as on `large`): 358,182 values in under 4 MB. Written
    as tagged tuples with its lines it was 591 MB, and PostgreSQL refused the set (over 1 GB)."""
    periods = [("month", date(2026, 4 + m, 1)) for m in range(9)] + [("quarter", date(2026, 4, 1)), ("year", date(2026, 4, 1))]
    rows = [f"{project:08x}-0000-0000-0000-000000000000|{kind}|{measure}" for project in range(3618) for kind in "abc" for measure in "xyz"]
    published = Published({(period, row): 3 for period in periods for row in rows}, {(periods[0], rows[0])})
    size = len(json.dumps(encode(published), separators=(",", ":")))
    assert size < 4_000_000


@pytest.mark.django_db
def test_a_large_published_figure_is_kept_in_parts_read_as_a_page_asks_for_them(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """A national attendance cube is 4 MB: kept in parts (a project's rows, all projects' rows), so
    a page reads the parts it shows, not the cube, and the figures are still the raw computation's,
    after a write marks the set stale and it is computed again."""
    monkeypatch.setattr(store, "PART_ROWS", 0)  # every published figure in parts (the fixture has few projects)
    fixture = build(world.worker)
    raw = _everything(Q3, None)
    assert _through_store(Q3, None) == raw
    entry = FigureSet.objects.get(kind="quarter", start=Q3.start, scope="all")
    parted = [key for key, value in json.loads(entry.figures).items() if value == store.PARTED]
    assert any(key.startswith('["reports.figures.published.attendances"') for key in parted)
    parts = set(FigurePart.objects.filter(figure_set=entry).values_list("part", flat=True))
    assert "all" in parts and len(parts) > 1  # the projects' own groups, and all projects'
    with CaptureQueriesContext(connection) as read:
        assert _through_store(Q3, None) == raw
    part_reads = [q["sql"] for q in read.captured_queries if FigurePart._meta.db_table in q["sql"]]
    assert part_reads and len(part_reads) < FigurePart.objects.filter(figure_set=entry).count()  # only what it shows

    ContactFactory.create(episode=Episode.objects.filter(person=fixture.a).get(), contact_date=date(2025, 11, 20), minutes=15)
    Session.objects.filter(starts_at__date__gte=Q3.start, starts_at__date__lte=Q3.end).update(headcount=7)  # no signal: say it
    written.dates_changed((Q3.start, Q3.end))
    assert _stale(Q3)
    raw = _everything(Q3, None)
    call_command("refresh_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not _stale(Q3)
    assert _through_store(Q3, None) == raw


def test_the_codec_reads_back_only_the_projects_own_dataclasses() -> None:
    with pytest.raises(ValueError, match="unexpected module"):
        decode({"dc": "subprocess:Popen", "f": {"args": "true"}})


@pytest.mark.django_db
def test_a_write_into_a_closed_period_marks_it_stale_and_the_refresh_brings_the_new_figure(world: World) -> None:
    fixture = build(world.worker)
    store.compute_page_figures(Q2, None)
    assert not _stale(Q2)
    with store.figures(Q2, None):
        assert service.enablement(Q2).contacts == 1  # 20 September

    # Another year's contact, in an episode with no referral (so no waiting time it could change).
    ContactFactory.create(episode=Episode.objects.filter(person=fixture.b, referral=None).get(), contact_date=date(2027, 1, 5))
    assert not _stale(Q2), "a write dated outside the figures' dates leaves them"

    ContactFactory.create(episode=Episode.objects.filter(person=fixture.a).get(), contact_date=date(2025, 9, 25), minutes=15)
    assert _stale(Q2)
    with store.figures(Q2, None):  # no broker (tests): a stale set is recomputed in the request
        assert service.enablement(Q2).contacts == 2
    assert not _stale(Q2)

    store.compute_page_figures(Q2, None)  # every page's figures again (the request kept only what it read)
    Contact.objects.filter(contact_date=date(2025, 9, 25)).delete()
    assert _stale(Q2)
    held = set(json.loads(FigureSet.objects.get(kind="quarter", start=Q2.start).figures))
    call_command("refresh_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not _stale(Q2)
    assert set(json.loads(FigureSet.objects.get(kind="quarter", start=Q2.start).figures)) == held  # every figure again
    with CaptureQueriesContext(connection) as read, store.figures(Q2, None):
        assert service.enablement(Q2).contacts == 1
    assert not [q["sql"] for q in read.captured_queries if _touches_raw_history(q["sql"])]


@pytest.mark.django_db
def test_with_a_broker_a_stale_period_shows_its_stored_figures_until_the_job_runs(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture = build(world.worker)
    store.compute_page_figures(Q3, None)
    monkeypatch.setattr(store, "in_background", lambda: True)
    ContactFactory.create(episode=Episode.objects.filter(person=fixture.b).latest("started_on"), contact_date=date(2025, 12, 1))
    with store.figures(Q3, None) as fresh:
        assert fresh is not None and fresh.stale
        assert service.enablement(Q3).contacts == 2  # as stored: the job has not run
    assert store.refresh_stale() == 1
    with store.figures(Q3, None) as fresh:
        assert fresh is not None and not fresh.stale
        assert service.enablement(Q3).contacts == 3


@pytest.mark.django_db
def test_a_cost_entry_marks_the_days_it_covers(world: World) -> None:
    build(world.worker)
    store.compute_page_figures(Q3, None)
    CostEntry.objects.create(
        starts_on=date(2025, 12, 1), ends_on=date(2025, 12, 31), category="staff", amount_pence=31_000, recorded_by=world.manager
    )
    entry = FigureSet.objects.get(kind="quarter", start=Q3.start)
    assert entry.stale
    store.refresh_stale()
    with service.scoped(None), store.figures(Q3, None):
        assert tables.cost_figures(Q3).total_pence == Decimal(31_000)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "commissioner"])
def test_a_page_of_a_fresh_stored_period_reads_no_raw_history(client: Client, world: World, role: str) -> None:
    build(world.worker)
    sign_in(client, getattr(world, role))
    query = "?kind=quarter&start=2025-11-01"
    with time_machine.travel(datetime(2026, 12, 4, 17, 42, tzinfo=UTC), tick=False):
        first = client.get(reverse("reports:dashboard") + query)  # the first view computes and stores
        assert client.get(reverse("reports:equality") + query).status_code == 200  # adds its own figures
    assert first.status_code == 200
    assert FigureSet.objects.filter(kind="quarter", start=Q3.start).exists()
    with time_machine.travel(datetime(2026, 12, 4, 17, 50, tzinfo=UTC), tick=False):
        with CaptureQueriesContext(connection) as page:
            again = client.get(reverse("reports:dashboard") + query)
        with CaptureQueriesContext(connection) as pdf:
            printed = client.get(reverse("reports:quarterly_pdf") + query)
        with CaptureQueriesContext(connection) as csv:
            exported = client.get(reverse("reports:export_table", kwargs={"key": "one-to-one", "fmt": "csv"}) + query)
        with CaptureQueriesContext(connection) as reach:
            equality_page = client.get(reverse("reports:equality") + query)
    assert again.status_code == printed.status_code == exported.status_code == equality_page.status_code == 200
    html = again.content.decode()
    assert "Figures as of 17:42, 4 December 2026" in html  # when they were computed, not when read
    assert "Figures as of 17:42, 4 December 2026" in equality_page.content.decode()
    assert again.content.decode().count("<table") == first.content.decode().count("<table")
    for captured in (page, pdf, csv, reach):
        touched = [q["sql"] for q in captured.captured_queries if _touches_raw_history(q["sql"])]
        assert touched == []
        assert len(captured.captured_queries) <= 30


@pytest.mark.django_db
def test_a_custom_period_is_computed_on_demand_and_not_stored(client: Client, world: World) -> None:
    build(world.worker)
    sign_in(client, world.manager)
    response = client.get(reverse("reports:dashboard") + "?kind=custom&start=2025-10-01&end=2025-10-31")
    assert response.status_code == 200
    assert "Figures as of" not in response.content.decode()
    assert not FigureSet.objects.exists()


@pytest.mark.django_db
def test_rebuild_figures_computes_the_store_from_scratch(world: World) -> None:
    build(world.worker)
    with store.figures(Q3, None):
        service.attendances(Q3)
    FigureSet.objects.update(figures="{}")  # damaged: rebuilt from raw rows all the same
    with time_machine.travel(datetime(2025, 12, 10, 12, tzinfo=UTC), tick=False):
        call_command("rebuild_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    kinds = set(FigureSet.objects.values_list("kind", "start"))
    assert ("quarter", Q3.start) in kinds and ("quarter", Q2.start) in kinds and ("year", date(2025, 4, 1)) in kinds
    with store.figures(Q3, None):
        assert service.attendances(Q3)["all"].named == 3
    assert not FigureSet.objects.filter(stale=True).exists()


@pytest.mark.django_db
def test_an_attendance_marks_its_sessions_day_and_a_moved_session_both_days(world: World) -> None:
    fixture = build(world.worker)
    store.compute_page_figures(Q3, None)
    store.compute_page_figures(Q2, None)
    # A month of the year before: its figures (and its years' published cubes) end in March 2025.
    earlier = month_of(date(2024, 8, 1))
    store.compute_page_figures(earlier, None)
    session = Session.objects.filter(cancelled_at__isnull=True, starts_at__date=date(2025, 10, 7)).get()
    AttendanceFactory.create(session=session, person=PersonFactory.create())
    # Q2's figures read the financial year's published cube (a commissioner's suppression is
    # worked out over the whole year), so a write in Q3 of that year marks them too.
    assert _stale(Q3) and _stale(Q2) and not _stale(earlier)
    store.refresh_stale()
    with store.figures(Q3, None):
        assert service.attendances(Q3)["all"].named == 4

    moved = Session.objects.get(pk=session.pk)  # loaded in Q3, saved into Q2: both change
    moved.starts_at, moved.ends_at = at(date(2025, 9, 30)), at(date(2025, 9, 30), 12)
    moved.save()
    assert _stale(Q3) and _stale(Q2) and not _stale(earlier)
    store.refresh_stale()
    with store.figures(Q3, None):
        assert service.attendances(Q3)["all"].named == 1  # the group's, 4 November
    with store.figures(Q2, None):
        assert service.attendances(Q2)["all"].named == 3
    assert fixture.a.pk is not None


@pytest.mark.django_db
def test_a_change_to_who_someone_is_marks_every_period(world: World) -> None:
    fixture = build(world.worker)
    store.compute_page_figures(Q2, None)
    person = Person.objects.get(pk=fixture.a.pk)
    person.preferred_name = "Ada L"
    person.save()
    assert not _stale(Q2), "a change no figure groups by leaves them"
    person.date_of_birth = date(1960, 5, 1)
    person.save()
    assert _stale(Q2)


@pytest.mark.django_db
def test_a_bulk_write_said_through_core_marks_the_days_of_its_rows(world: World) -> None:
    """Domain apps cannot import reports: their bulk writes say so through core.written."""
    fixture = build(world.worker)
    store.compute_page_figures(Q2, None)
    store.compute_page_figures(Q3, None)
    episode = Episode.objects.filter(person=fixture.a).get()
    contact = Contact.objects.bulk_create(
        [
            Contact(
                episode=episode,
                person=episode.person,
                worker=world.worker,
                contact_date=date(2025, 9, 26),
                start_time=time(10, 0),
                minutes=20,
                mode=Contact.Mode.PHONE,
                recorded_by=world.worker,
            )
        ]
    )
    assert not _stale(Q2), "bulk_create sends no signal of its own"
    written.rows_written(Contact, contact)
    assert _stale(Q2)

    store.refresh_stale()
    assert not _stale(Q3) and not _stale(Q2)
    written.dates_changed((date(2025, 11, 3), date(2025, 11, 3)))
    assert _stale(Q3) and _stale(Q2), "a day in Q3 marks its financial year's sets (the published cube)"
    store.refresh_stale()
    with store.figures(Q2, None):
        assert service.enablement(Q2).contacts == 2


def test_while_the_store_is_filled_a_figure_several_sets_read_is_computed_once() -> None:
    """A financial year's cube is read by its months, quarters and the year: one computation."""
    calls: list[int] = []

    @service.stored
    def year_cube(year: int) -> int:
        calls.append(year)
        return year * 2

    with service.carried_between_sets():
        for _ in range(3):  # three sets, each with its own figures
            memo: dict[Any, Any] = {}
            with service.figures_from(memo):
                assert year_cube(2026) == 4052
            assert len(memo) == 1
    with service.figures_from({}):  # outside a rebuild, each set computes its own
        year_cube(2026)
    assert calls == [2026, 2026]
