"""The attacker test, over every figure a commissioner can reach (issue 16).

Small cohorts across a financial year, generated from a random source hypothesis draws (few
examples, no example database): referrals (sources, complexity, waits),
triage decisions, episodes and contacts (did-not-attends), episodes ended by destination,
drop-in and group sessions in two projects (named and counted), complaints, equality answers and
outcome measurements. Every month, quarter and the year is built as a commissioner gets it: the
dashboard's tables and charts (each with its previous period and the same period last year),
the CSV and XLSX downloads of every table, the PDF report of a quarter and of the year (the
tables its builder is given, the charts it draws and its text), the equality tables, the costs, the community
attendance figures of each project, and the outcome cohorts in every grouping. The attacker knows
every shown figure, every way they add up (across rows, columns, totals, projects, kinds and
periods) and that hidden figures are never 0. The test fails if

- a shown figure is small (1 to 4) or differs between two places that show it;
- a hidden figure can be worked out exactly from everything shown;
- a chart shows a bar the table hides, or a rate, share or mean is shown beside a hidden input;
- a download or the PDF differs from the page;
- a hidden count of different people named follows from the other two (drop-ins, groups, all,
  taken as adding up).
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from community.figures import project_figures
from community.models import ActivityKind, Attendance, Project
from community.tests.factories import ActivityFactory, AttendanceFactory, ProjectFactory, SessionFactory
from community.views.figures import restricted_figures
from conftest import World, sign_in
from core.disclosure import NOT_SHOWN, determined_keys
from core.periods import Period, month_of, quarter_of, year_of
from core.published import key_of, year_for
from enablement.models import Contact, Episode, MoveOn
from enablement.tests.factories import ContactFactory, EpisodeFactory
from involvement.tests.factories import ComplaintFactory
from outcomes import cohorts
from outcomes.loading import load_shipped_instruments
from outcomes.models import Instrument
from outcomes.tests.factories import MeasurementFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from reports import pdf as report_pdf
from reports import tables
from reports.exports import table_rows, to_csv
from reports.figures import equality, published, service
from reports.tests.fixtures import at
from volunteers.figures import hours_by_project, published_hours
from volunteers.models import HoursEntry
from volunteers.tests.factories import VolunteerFactory

YEAR = year_of(date(2025, 4, 1))
MONTHS = [month_of(date(2025, 4 + m, 1) if m < 9 else date(2026, m - 8, 1)) for m in range(12)]
QUARTERS = [quarter_of(MONTHS[3 * q].start) for q in range(4)]
PERIODS = [*MONTHS, *QUARTERS, YEAR]


def _day(rng: random.Random) -> date:
    return YEAR.start + timedelta(days=rng.randint(0, 364))


def generate(world: World, rng: random.Random) -> list[Project]:
    """Small counts everywhere, so that suppression matters in every table."""
    swemwbs = {i.code: i for i in load_shipped_instruments()}["SWEMWBS"]
    people = [PersonFactory.create() for _ in range(14)]
    for person in people[:8]:
        CaseloadEntryFactory.create(person=person, worker=rng.choice([world.worker, world.manager]))
    with_episode: set[object] = set()
    for _ in range(rng.randint(8, 16)):
        person = rng.choice(people)
        received = _day(rng)
        triaged = rng.random() < 0.7
        referral = ReferralFactory.create(
            person=person,
            received_at=at(received),
            source=rng.choice(Referral.Source.values),
            complexity=rng.choice([None, 1, 2, 3, 4]),
            decision=rng.choice(Referral.Decision.values) if triaged else "",
            triaged_at=at(received + timedelta(days=rng.randint(0, 20))) if triaged else None,
        )
        if rng.random() < 0.6 and person.pk not in with_episode:  # one open episode a person
            with_episode.add(person.pk)
            started = received + timedelta(days=rng.randint(1, 30))
            ended = rng.random() < 0.5 and started + timedelta(days=rng.randint(5, 60)) <= YEAR.end
            episode = EpisodeFactory.create(
                person=person,
                worker=world.worker,
                referral=referral,
                started_on=started,
                status=Episode.Status.ENDED if ended else Episode.Status.OPEN,
                ended_on=started + timedelta(days=30) if ended else None,
            )
            if ended:
                MoveOn.objects.create(
                    episode=episode,
                    person=person,
                    destination=rng.choice(MoveOn.Destination.values),
                    reason="Generated",
                    ended_on=started + timedelta(days=30),
                    recorded_by=world.worker,
                )
            for _ in range(rng.randint(0, 3)):
                ContactFactory.create(
                    episode=episode,
                    contact_date=min(started + timedelta(days=rng.randint(0, 40)), YEAR.end),
                    minutes=rng.choice([30, 60]),
                    outcome=rng.choice([Contact.Outcome.ATTENDED, Contact.Outcome.ATTENDED, Contact.Outcome.DID_NOT_ATTEND]),
                )
    projects = [ProjectFactory.create(name=f"Generated project {n}") for n in range(2)]
    for project in projects:
        for kind in (ActivityKind.DROP_IN, ActivityKind.GROUP):
            activity = ActivityFactory.create(project=project, kind=kind)
            for offset in rng.sample(range(365), rng.randint(1, 4)):  # one session a day per activity
                day = YEAR.start + timedelta(days=offset)
                session = SessionFactory.create(
                    activity=activity, starts_at=at(day), ends_at=at(day, 12), headcount=rng.choice([0, 0, 1, 2, 3])
                )
                for person in rng.sample(people, rng.randint(0, 3)):
                    AttendanceFactory.create(session=session, person=person)
    for _ in range(rng.randint(0, 6)):
        ComplaintFactory.create(received_at=at(_day(rng)))
    volunteers = [VolunteerFactory.create() for _ in range(7)]
    for _ in range(rng.randint(4, 14)):
        HoursEntry.objects.create(
            volunteer=rng.choice(volunteers), project=rng.choice([*projects, None]), worked_on=_day(rng), minutes=rng.choice([60, 90, 120])
        )
    for person in people:
        for _ in range(rng.choice([0, 1, 2, 3])):
            MeasurementFactory.create(
                person=person,
                instrument=swemwbs,
                status="complete",
                measured_on=_day(rng),
                score=Decimal(rng.randint(14, 35)),
                raw_score=None,
                created_by=world.worker,
            )
    if not Attendance.objects.exists():  # every cohort has someone at a session
        day = YEAR.start + timedelta(days=rng.randint(0, 364))
        session = SessionFactory.create(
            activity=ActivityFactory.create(project=projects[0], kind=ActivityKind.GROUP), starts_at=at(day), ends_at=at(day, 12)
        )
        AttendanceFactory.create(session=session, person=people[0])
    return projects


# Where each dashboard row's figures live in the published cubes: (table key, row label) -> (cube, row).
def _row_map(project: Project | None) -> dict[tuple[str, str], tuple[str, str]]:
    mapping: dict[tuple[str, str], tuple[str, str]] = {}
    for value, label in Referral.Source.choices:
        mapping[("referrals-by-source", label)] = ("referrals", f"source:{value}")
    mapping[("referrals-by-source", "Total")] = ("referrals", "total")
    for value, label in Referral.Decision.choices:
        mapping[("triage-decisions", label)] = ("decisions", f"decision:{value}")
    mapping[("triage-decisions", "Total")] = ("decisions", "total")
    for value, label in MoveOn.Destination.choices:
        mapping[("episodes-ended", label)] = ("moves_on", f"destination:{value}")
    mapping[("episodes-ended", "Total")] = ("moves_on", "total")
    mapping[("waiting-times", "Total")] = ("referrals", "total")
    mapping[("one-to-one", "Episodes started")] = ("enablement", "started")
    mapping[("one-to-one", "Contacts that took place")] = ("enablement", "contacts")
    mapping[("one-to-one", "Did not attend")] = ("enablement", "dna")
    mapping[("complaints-involvement", "Complaints received")] = ("enablement", "complaints")
    for kind, name in (("drop_in", "Drop-ins"), ("group", "Groups"), ("all", "All")):
        mapping[("attendances", f"{name}: named attendances")] = ("attendances", published.attendance_row(project, kind, "named"))
        mapping[("attendances", f"{name}: counted, not named")] = ("attendances", published.attendance_row(project, kind, "headcount"))
    return mapping


class Seen:
    """Everything the commissioner has seen: (cube, period key, row) -> the text shown."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, Any, str], str] = {}

    def add(self, cube: str, period: Period, row: str, text: str) -> None:
        key = (cube, key_of(period), row)
        previous = self.cells.setdefault(key, text)
        assert previous == text, f"{key} shown as {previous!r} in one place and {text!r} in another"


def _check_tables(built: list[tables.Table], period: Period, project: Project | None, seen: Seen) -> None:
    periods = [period, period.previous(), period.last_year()]
    mapping = _row_map(project)
    for table in built:
        labels = [label for label, _ in table.rows]
        for index, (label, cells) in enumerate(table.rows):
            target = mapping.get((table.key, label))
            if target is None and table.key == "waiting-times" and index < len(published.WAITS):
                target = ("referrals", published.WAITS[index])  # the first four rows, in order
            if target is None:
                continue
            for p, text in zip(periods, cells, strict=True):
                seen.add(target[0], p, target[1], text)
        assert len(labels) == len(set(labels)), table.key
    by_key = {t.key: t for t in built}
    volunteering = dict(by_key["volunteers"].rows)
    for p, text in zip(periods, volunteering["Volunteer hours"], strict=True):
        seen.add("volunteer_hours", p, str(project.pk) if project else "all", text)
        if text == NOT_SHOWN:
            assert volunteering["Value of those hours"][periods.index(p)] == NOT_SHOWN
    # Different people named: drop-ins, groups and all, suppressed as if they added up.
    attendance_rows = dict(by_key["attendances"].rows)
    kinds = {"drop_in": "Drop-ins", "group": "Groups", "all": "All"}
    for column, p in enumerate(periods):
        truth = service.attendances(p, project)
        distinct = {kind: truth[kind].unique_people for kind in kinds}
        shown = {kind: attendance_rows[f"{name}: different people named"][column] for kind, name in kinds.items()}
        for kind, text in shown.items():
            if text != NOT_SHOWN:
                assert int(text) == distinct[kind] and not 0 < distinct[kind] < 5, (kind, text)
        assert determined_keys(distinct, [("all", ["drop_in", "group"])], {k for k, t in shown.items() if t == NOT_SHOWN}) == set()
    # Derived figures only with their inputs.
    one = dict(by_key["one-to-one"].rows)
    for column in range(3):
        if NOT_SHOWN in (one["Contacts that took place"][column], one["Did not attend"][column]):
            assert one["Did-not-attend rate"][column] == NOT_SHOWN
    ended = dict(by_key["episodes-ended"].rows)
    user_led = dict(MoveOn.Destination.choices)[MoveOn.Destination.USER_LED]
    for column in range(3):
        if NOT_SHOWN in (ended["Total"][column], ended[user_led][column]):
            assert ended["Share who stepped down into a user-led project"][column] == NOT_SHOWN
    # Charts show the table's published figures, never one the table hides.
    totals = dict(by_key["referrals-by-source"].rows)["Total"]
    chart = by_key["referrals-by-source"].chart
    assert chart is not None
    assert [NOT_SHOWN if bar is None else str(bar) for _, bar in chart.bars] == totals
    attendance_chart = by_key["attendances"].chart
    assert attendance_chart is not None
    for p, (_, bar) in zip(periods, attendance_chart.bars, strict=True):
        seen.add("attendances", p, published.attendance_row(project, "all", "total"), NOT_SHOWN if bar is None else str(bar))
    for label, cells in by_key["complexity"].rows:
        if NOT_SHOWN in cells[:-1] and cells[-1] not in ("", NOT_SHOWN):
            pytest.fail(f"complexity share shown beside a hidden count in {label}")
    outcome_rows = dict(by_key["outcomes"].rows)
    people = outcome_rows["SWEMWBS: people with two or more scores"]
    for column in range(3):
        if people[column] == NOT_SHOWN:
            assert outcome_rows["SWEMWBS: mean change"][column] == NOT_SHOWN


def _attack_cubes(seen: Seen) -> None:
    """Every cube the pages drew on: what was shown is true and not small, what was hidden is
    hidden in the cube, and nothing hidden follows from the shown figures and the lines."""
    years = {year_for(p) for p in PERIODS} | {year_for(p.last_year()) for p in PERIODS}
    for year in years:
        for name, cube in published.everything(year).items():
            for (cube_name, period_key, row), text in seen.cells.items():
                key = (period_key, row)
                if cube_name != name or key not in cube.values:
                    continue
                if text == NOT_SHOWN:
                    assert key in cube.hidden, (name, key)
                else:
                    assert int(text) == cube.values[key], (name, key, text)
                    assert not 0 < cube.values[key] < 5, (name, key)
            assert determined_keys(cube.values, cube.lines, cube.hidden) == set(), name
        minutes, hidden, lines = published_hours(year)
        for (cube_name, period_key, row), text in seen.cells.items():
            if cube_name == "volunteer_hours" and period_key[1] >= year.start and period_key[1] <= year.end:
                key = (period_key, row)
                assert (text == NOT_SHOWN) == (key in hidden), key
                if text != NOT_SHOWN:
                    assert Decimal(text) == (Decimal(minutes.get(key, 0)) / 60).quantize(Decimal("0.1"))
        assert determined_keys(minutes, lines, hidden) == set(), "volunteer hours"


def _equality_attack(period: Period, client: Client) -> None:
    values, hidden = equality.published_groups(period)
    lines = [(("all", "total"), [key for key in values if key[0] == question]) for question in equality.QUESTIONS]
    assert determined_keys(values, lines, hidden) == set()
    for question in equality.QUESTIONS:
        table = equality.equality_table(question, period, suppressed=True)
        for row in table.rows:
            shown = row.people
            assert (shown is None) == ((question, row.group) in hidden)
            if shown is not None:
                assert not 0 < shown < 5
            else:
                assert row.share in ("", NOT_SHOWN)


def _cohort_attack(period: Period, built: list[tables.Table]) -> None:
    instrument = next(i for i in Instrument.objects.filter(code="SWEMWBS"))
    groupings = cohorts.published(instrument, start=period.start, end=period.end)
    raw = {g: cohorts._figures(instrument, g, period.start, period.end) for g in cohorts.GROUPINGS}
    values: dict[tuple[str, Any, str], int] = {}
    hidden: set[tuple[str, Any, str]] = set()
    lines: list[Any] = []
    for group_by, rows in raw.items():
        for (group, row), shown in zip(rows, groupings[group_by], strict=True):
            key = (group_by, "Everyone" if group_by == "all" else group)
            for measure in cohorts.MEASURES:
                values[(*key, measure)] = int(getattr(row, measure))
                text = getattr(shown, measure)
                if text is None:
                    hidden.add((*key, measure))
                else:
                    assert text == getattr(row, measure) and not 0 < text < 5
            lines.append(((*key, "people"), [(*key, m) for m in cohorts.MEASURES[1:]]))
            if shown.suppressed:
                assert shown.mean_change is None and shown.mean_latest is None and shown.ci_low is None
    for measure in cohorts.MEASURES:
        values.setdefault(("all", "Everyone", measure), 0)
    for group_by in ("worker", "quarter"):  # exact partitions of everyone
        for measure in cohorts.MEASURES:
            lines.append((("all", "Everyone", measure), [(group_by, g, measure) for g, _ in raw[group_by]]))
    assert determined_keys(values, lines, hidden) == set()
    # The dashboard shows everyone's figures exactly as the cohorts page does.
    outcome_rows = dict(next(t for t in built if t.key == "outcomes").rows)
    everyone = groupings["all"][0] if groupings["all"] else None
    people = outcome_rows["SWEMWBS: people with two or more scores"][0]
    improved = outcome_rows["SWEMWBS: meaningful improvement"][0]
    assert people == ("0" if everyone is None else (NOT_SHOWN if everyone.people is None else str(everyone.people)))
    assert improved == ("0" if everyone is None else (NOT_SHOWN if everyone.improved is None else str(everyone.improved)))


# Few examples, each a whole year of small cohorts attacked from every side; no example database
# (each run draws its own), so the test takes the same time wherever it runs.
ATTACKS = settings(
    max_examples=2,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


class PdfSeen:
    """What the PDF builder was given (the tables it prints) and the charts it drew."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tables: list[tables.Table] = []
        self.charts: list[Any] = []
        self.text = ""
        build, bars = report_pdf.quarterly_report, report_pdf._bars

        def capture(**kwargs: Any) -> bytes:
            self.tables = [*kwargs["tables"], kwargs["cost_table"]]
            return build(**kwargs)

        def draw(pdf: Any, chart: Any) -> None:
            self.charts.append(chart)
            bars(pdf, chart)

        monkeypatch.setattr(report_pdf, "quarterly_report", capture)
        monkeypatch.setattr(report_pdf, "_bars", draw)

    def read(self, client: Client, period: Period) -> list[tables.Table]:
        self.tables, self.charts = [], []
        response = client.get(reverse("reports:quarterly_pdf") + _query(period))
        assert response.status_code == 200
        self.text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
        return self.tables


def _query(period: Period) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in period.query().items())


def _check_pdf(pdf: PdfSeen, client: Client, period: Period, page_tables: list[tables.Table], seen: Seen) -> None:
    """The PDF prints the page's tables, every figure the same, and draws the page's charts; its
    figures go into what the attacker has seen like the page's."""
    printed = pdf.read(client, period)
    by_key = {t.key: t for t in page_tables}
    for table in printed:
        if table.key in by_key:
            assert table.rows == by_key[table.key].rows, table.key
        for label, values in table.rows:  # and the text of the PDF says so, row by row
            row = " ".join([label, *[v for v in values if v != ""]])
            assert " ".join(row.split()) in pdf.text or all(v in pdf.text for v in values), (table.key, row)
    assert pdf.charts == [t.chart for t in page_tables if t.chart is not None]
    _check_tables([t for t in printed if t.key in by_key], period, None, seen)


@pytest.mark.django_db
@ATTACKS
@given(rng=st.randoms(use_true_random=False))
def test_no_hidden_figure_anywhere_can_be_worked_out(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, rng: random.Random
) -> None:
    pdf = PdfSeen(monkeypatch)
    with transaction.atomic():  # each example's cohort goes with it
        _attack_everything(client, world, pdf, generate(world, rng), pdf_periods=[rng.choice(QUARTERS), YEAR])
        transaction.set_rollback(True)


def _attack_everything(client: Client, world: World, pdf: PdfSeen, projects: list[Project], *, pdf_periods: list[Period]) -> None:
    sign_in(client, world.commissioner)
    seen = Seen()
    for period in PERIODS:
        # Each project's dashboard for the quarters and the year (its months add nothing new: the
        # same cube rows, checked through the community figures below).
        for project in (None, *(projects if period.kind != "month" else [])):
            built = tables.build(period, project=project, suppressed=True)
            _check_tables(built, period, project, seen)
            if project is None:
                _equality_attack(period, client)
                _cohort_attack(period, built)
                costs = tables.cost_figures(period, suppressed=True)
                volunteer_text = NOT_SHOWN if costs.volunteer_hours is None else str(costs.volunteer_hours)
                seen.add("volunteer_hours", period, "all", volunteer_text)
                for unit in costs.unit_costs:
                    if NOT_SHOWN in unit.units:
                        assert unit.cost == NOT_SHOWN, unit
                if period in pdf_periods:  # the PDF of a quarter and of the year prints the page's figures
                    _check_pdf(pdf, client, period, built, seen)
        # The volunteers' own report hides exactly what the service's reports hide.
        rows, total, _ = hours_by_project(start=period.start, end=period.end, suppress=True, kind=period.kind)
        _, hidden_hours, _ = published_hours(year_of(period.start))
        key = key_of(period)
        assert (total == NOT_SHOWN) == ((key, "all") in hidden_hours)
        names = {p.name: str(p.pk) for p in projects}
        for row in rows:
            assert (row.value == NOT_SHOWN) == ((key, names.get(row.label, "other")) in hidden_hours), row
        for project in projects:
            shown = restricted_figures(project, project_figures(project=project, start=period.start, end=period.end))
            for measure in ("named", "headcount", "total"):
                seen.add("attendances", period, published.attendance_row(project, "all", measure), shown[measure])
    _attack_cubes(seen)


@pytest.mark.parametrize("seed", [13])
def test_downloads_match_the_page(client: Client, world: World, seed: int) -> None:
    generate(world, random.Random(seed))
    sign_in(client, world.commissioner)
    for period in (QUARTERS[2],):
        query = "?" + "&".join(f"{k}={v}" for k, v in period.query().items())
        built = tables.build(period, project=None, suppressed=True)
        page = client.get(reverse("reports:dashboard") + query).content.decode()
        for table in built:
            rows = table_rows(table)
            csv = client.get(reverse("reports:export_table", kwargs={"key": table.key, "fmt": "csv"}) + query).content.decode()
            assert csv == to_csv(rows), table.key
            xlsx = client.get(reverse("reports:export_table", kwargs={"key": table.key, "fmt": "xlsx"}) + query).content
            sheet = load_workbook(io.BytesIO(xlsx)).active
            cells = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
            for expected, got in zip(rows[1:], cells[1:], strict=True):
                assert str(expected[0]) == got[0]
                for want, have in zip(expected[1:], got[1:], strict=True):
                    assert want == have or (want.replace(",", "") == have) or _same_number(want, have), (table.key, want, have)
            for label, _ in table.rows[:1]:
                assert label in page or table.key in ("complexity",)


def _same_number(want: str, have: str) -> bool:
    try:
        return Decimal(want.rstrip("%").replace("£", "").replace(",", "")) == Decimal(have) * (100 if want.endswith("%") else 1)
    except Exception:
        return False
