"""The benchmark's measuring code on the small demo (in the test database): every page it times
answers 200, the report's figures equal the hand-written SQL's, and the import runs and is
rolled back. No timings are asserted."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bench import measure, report_sql
from core.periods import quarter_of
from people.models import Person
from reports.models import FigureSet


@pytest.fixture
def demo(db: None) -> None:
    call_command("seed_demo", "--size", "small", "--seed", "1", stdout=StringIO())


def test_every_benchmarked_page_answers_and_counts_its_queries(demo: None) -> None:
    pages = measure.measure_pages(repeat=1, warmup=0)
    assert {"caseload", "person page", "search", "triage queue", "register", "project page", "public directory"} <= set(pages)
    assert {"ORUK services", "dashboard", "cohort outcomes"} <= set(pages)
    for name, result in pages.items():
        assert "error" not in result, (name, result)
        assert result["queries"] >= 1 or name in {"ORUK services"}, name
    assert "?search=" in pages["search"]["url"]
    assert "?search=" in pages["note search (worker)"]["url"] and "housing" not in pages["note search (worker)"]["url"]


def test_the_import_is_measured_and_leaves_the_database_as_it_was(demo: None) -> None:
    before = Person.objects.count()
    result = measure.measure_import(rows=25)
    assert result["rows"] == 25 and result["error"] == ""
    assert Person.objects.count() == before


def test_the_generated_file_has_distinct_people() -> None:
    lines = measure.people_csv(300).decode().splitlines()
    assert lines[0] == "Client ID,Forename,Surname,DOB,Post code" and len(lines) == 301
    assert len({tuple(line.split(",")[1:4]) for line in lines[1:]}) == 300


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the hand-written SQL is PostgreSQL's")
def test_the_report_figures_equal_the_hand_written_sql(demo: None) -> None:
    today = timezone.localdate()
    for period in (quarter_of(today), quarter_of(today).previous()):
        figures = report_sql.report_figures(period)
        assert figures == report_sql.sql_figures(period)
        assert any(f["referrals_by_source"] or f["attendances"]["all"][0] for f in figures)


def test_the_dashboard_from_the_figures_store_equals_the_raw_computation(demo: None) -> None:
    """What `make bench` checks on large: the stored figures (filled by seed_demo) are the raw ones."""
    from reports import tables

    period = quarter_of(timezone.localdate()).previous()
    assert FigureSet.objects.filter(kind="quarter", start=period.start).exists()
    assert measure._from_store(period) == tables.build(period, project=None, suppressed=False)


def test_pages_are_timed_on_each_size_in_turn_each_size_going_first_in_turn() -> None:
    """bench.__main__.interleaved with two stand-in workers (bench.run_one's protocol): every page
    asked of both sizes, page by page, the first size alternating; the workers' other output and
    answers read past, and each finishes its own work after `end`."""
    import subprocess
    import sys

    from bench.__main__ import interleaved
    from bench.run_one import END

    stand_in = (
        "import json, sys\n"
        "print('a line of other output', flush=True)\n"
        "print('BENCH-READY ' + json.dumps(['home', 'caseload', 'search']), flush=True)\n"
        "for line in sys.stdin:\n"
        "    if line.strip() == 'end': break\n"
        "    print('BENCH-PAGE ' + json.dumps({'page': line.strip()}), flush=True)\n"
        "print('finished', sys.argv[1], flush=True)\n"
    )
    workers = {
        size: subprocess.Popen([sys.executable, "-c", stand_in, size], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # noqa: S603
        for size in ("small", "large")
    }
    asked = interleaved(workers)
    assert asked == [
        ("small", "home"),
        ("large", "home"),
        ("large", "caseload"),
        ("small", "caseload"),
        ("small", "search"),
        ("large", "search"),
    ]
    for size, worker in workers.items():
        out, _ = worker.communicate(f"{END}\n")
        assert worker.returncode == 0 and out.strip() == f"finished {size}"
