"""Imports with hostile and large files, interrupted runs, cached previews, stated date formats,
the web forms' checks, separators, and "import the rows that are right"."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from conftest import World
from interop.legacy import progress, services
from interop.legacy.models import DateFormat, ImportMapping, ImportRun
from interop.legacy.reading import UnreadableFile, read_table
from interop.legacy.validation import AmbiguousDate, check_rows, parse_date
from interop.tests.legacy_factories import COLUMNS, HEADINGS, csv_bytes, good_rows, make_run
from people.models import Person

CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def xlsx_by_hand(sheet: bytes) -> bytes:
    """A minimal workbook built with zipfile, so the sheet can say anything."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def sheet_xml(dimension: str, rows: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


ONE_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Forename</t></is></c></row>'


def test_a_tiny_workbook_declaring_every_cell_of_a_sheet_is_refused_quickly() -> None:
    content = xlsx_by_hand(sheet_xml("A1:XFD1048576", ONE_ROW))
    assert len(content) < 2000
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="more than 200 columns"):
        read_table(file_name="people.xlsx", content=content)
    assert time.monotonic() - started < 2


def test_a_workbook_declaring_more_rows_than_allowed_is_refused(settings: Settings) -> None:
    settings.STAR_IMPORT_MAX_ROWS = 1000
    with pytest.raises(UnreadableFile, match="more than 1,000 rows"):
        read_table(file_name="people.xlsx", content=xlsx_by_hand(sheet_xml("A1:F5000", ONE_ROW)))


def test_a_workbook_whose_declared_size_is_small_but_holds_more_rows_is_stopped(settings: Settings) -> None:
    settings.STAR_IMPORT_MAX_ROWS = 10
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x{n}</t></is></c></row>' for n in range(1, 30))
    with pytest.raises(UnreadableFile, match="more than 10 rows"):
        read_table(file_name="people.xlsx", content=xlsx_by_hand(sheet_xml("A1:A2", rows)))


def test_a_dense_workbook_that_unpacks_too_far_is_refused_before_reading(settings: Settings) -> None:
    settings.STAR_IMPORT_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    settings.STAR_IMPORT_MAX_COMPRESSION_RATIO = 10_000  # only the total is at stake here
    padding = "<row/>" * (1024 * 1024)  # 6 MB of the same bytes, a few KB packed
    content = xlsx_by_hand(sheet_xml("A1:A1", ONE_ROW + padding))
    assert len(content) < 100_000
    with pytest.raises(UnreadableFile, match="unpacks to 6 MB"):
        read_table(file_name="people.xlsx", content=content)


def test_a_workbook_packed_far_tighter_than_a_real_one_is_refused() -> None:
    padding = "<row/>" * (1024 * 1024)
    with pytest.raises(UnreadableFile, match="packed far more tightly"):
        read_table(file_name="people.xlsx", content=xlsx_by_hand(sheet_xml("A1:A1", ONE_ROW + padding)))


def test_an_ordinary_hand_built_workbook_is_read() -> None:
    table = read_table(
        file_name="people.xlsx",
        content=xlsx_by_hand(sheet_xml("A1:A2", ONE_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>Ann</t></is></c></row>')),
    )
    assert (table.headings, table.rows) == (["Forename"], [["Ann"]])


def test_the_page_and_the_command_refuse_the_same_file_with_the_same_message(as_manager: Client, world: World, tmp_path: Path) -> None:
    content = xlsx_by_hand(sheet_xml("A1:XFD1048576", ONE_ROW))
    response = as_manager.post(
        reverse("interop:legacy_start"),
        {"kind": "people", "source_system": "Day centre", "file": SimpleUploadedFile("people.xlsx", content)},
    )
    assert response.status_code == 200
    assert "more than 200 columns" in response.content.decode()
    ImportMapping.objects.create(name="Day centre", kind="people", columns=COLUMNS, created_by=world.manager)
    path = tmp_path / "people.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="more than 200 columns"):
        call_command("import_legacy", "--kind", "people", str(path), "--mapping", "Day centre")
    assert not ImportRun.objects.exists()


def test_without_a_worker_the_page_refuses_a_file_too_big_for_one_request(as_manager: Client, settings: Settings) -> None:
    settings.STAR_IMPORT_MAX_ROWS_IN_REQUEST = 5
    response = as_manager.post(
        reverse("interop:legacy_start"),
        {"kind": "people", "source_system": "Day centre", "file": SimpleUploadedFile("people.csv", csv_bytes(good_rows(6)))},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file has 6 rows" in page and "manage.py import_legacy" in page
    settings.STAR_CELERY_BROKER_URL = "redis://worker.example:6379/0"  # with a worker, the page takes it
    response = as_manager.post(
        reverse("interop:legacy_start"),
        {"kind": "people", "source_system": "Day centre", "file": SimpleUploadedFile("people.csv", csv_bytes(good_rows(6)))},
    )
    assert response.status_code == 302


# Interrupted runs ---------------------------------------------------------------------------


def _interrupted(world: World, minutes: int = 30) -> ImportRun:
    run = make_run(by=world.manager, rows=good_rows(3), columns=True)
    long_ago = timezone.now() - timedelta(minutes=minutes)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING, started_at=long_ago)
    cache.delete(f"interop:legacy-import:{run.pk}")
    run.refresh_from_db()
    return run


def test_an_import_silent_for_too_long_is_shown_as_interrupted_and_can_be_started_again(
    as_manager: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    run = _interrupted(world)
    assert progress.interrupted(run)
    page = as_manager.get(reverse("interop:legacy_result", kwargs={"run_id": run.pk})).content.decode()
    assert "Interrupted: nothing saved" in page and "Start the import again" in page
    assert "hx-trigger" not in page  # no polling of a run that is not running
    with django_capture_on_commit_callbacks(execute=True):
        response = as_manager.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk}))
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 3)


def test_a_run_that_is_still_reporting_is_not_interrupted_and_a_second_start_is_said_not_silent(as_manager: Client, world: World) -> None:
    run = _interrupted(world)
    progress.report(run.pk, phase="importing", done=1, total=3)  # a heartbeat just now
    run.refresh_from_db()
    assert not progress.interrupted(run)
    response = as_manager.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk}), follow=True)
    assert "This file is being imported now" in response.content.decode()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.IMPORTING


def test_starting_a_finished_import_again_says_why(as_manager: Client, world: World) -> None:
    run = services.import_file(by=world.manager, run=make_run(by=world.manager, rows=good_rows(2), columns=True))
    response = as_manager.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk}), follow=True)
    assert "This file has already been imported" in response.content.decode()


# The preview is checked once -------------------------------------------------------------


def test_looking_at_the_preview_again_does_not_check_the_file_again(
    as_manager: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = make_run(by=world.manager, rows=good_rows(5), columns=True)
    calls: list[int] = []
    real = services.rows_for_preview

    def counted(**kwargs: Any) -> Any:
        calls.append(1)
        return real(**kwargs)

    monkeypatch.setattr(services, "rows_for_preview", counted)
    url = reverse("interop:legacy_preview", kwargs={"run_id": run.pk})
    for _ in range(3):
        assert "All 5 rows of people are ready" in as_manager.get(url).content.decode()
    as_manager.get(reverse("interop:legacy_problems", kwargs={"run_id": run.pk}))
    assert len(calls) == 1
    as_manager.get(url + "?again=1")
    assert len(calls) == 2
    services.set_columns(by=world.manager, run=run, columns=COLUMNS, date_format=DateFormat.ISO)  # a new mapping: checked again
    as_manager.get(url)
    assert len(calls) == 3


# Dates, and the web forms' checks -----------------------------------------------------------


def test_a_date_that_reads_both_ways_needs_a_stated_format() -> None:
    with pytest.raises(AmbiguousDate):
        parse_date("03/04/1985")
    assert parse_date("27/03/1990").day == 27  # type: ignore[union-attr]
    assert parse_date("04/04/1985").month == 4  # type: ignore[union-attr]
    assert parse_date("03/04/1985", DateFormat.DAY_FIRST).month == 4  # type: ignore[union-attr]
    assert parse_date("03/04/1985", DateFormat.MONTH_FIRST).month == 3  # type: ignore[union-attr]
    assert parse_date("03/04/1985", DateFormat.ISO) is None
    assert parse_date("1985-04-03", DateFormat.MONTH_FIRST).day == 3  # type: ignore[union-attr]


def _problems(row: list[str], date_format: str = "") -> list[str]:
    checked = check_rows(headings=[*HEADINGS, "Email"], rows=[row], columns=COLUMNS | {"email": "Email"}, date_format=date_format)
    return [problem.message for problem in checked[0].problems]


def test_an_ambiguous_date_with_no_format_is_a_problem_saying_what_to_do() -> None:
    assert any(
        "could be read day first or month first" in message for message in _problems(["1", "Ann", "Lee", "03/04/1985", "", "B1 1AA", ""])
    )
    assert _problems(["1", "Ann", "Lee", "03/04/1985", "", "B1 1AA", ""], DateFormat.DAY_FIRST) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["1", "Ann", "Lee", "27/03/1850", "", "B1 1AA", ""], "Date of birth must be after 1900"),
        (["1", "Ann", "Lee", "27/03/2999", "", "B1 1AA", ""], "Date of birth is in the future"),
        (["1", "Ann", "Lee", "27/03/1990", "", "NOT A CODE", ""], "not a real UK postcode"),
        (["1", "Ann", "Lee", "27/03/1990", "", "B1 1AA", "ann.example.org"], "not an email address"),
        (["1", "Ann", "Lee", "27/03/1990", "999 000 0019", "B1 1AA", ""], "check digit is wrong"),
    ],
)
def test_the_web_forms_checks_apply(row: list[str], message: str) -> None:
    assert any(message in found for found in _problems(row, DateFormat.DAY_FIRST)), _problems(row, DateFormat.DAY_FIRST)


def test_a_postcode_is_kept_in_its_usual_form() -> None:
    checked = check_rows(headings=HEADINGS, rows=[["1", "Ann", "Lee", "27/03/1990", "", "b11aa"]], columns=COLUMNS)
    assert checked[0].values["postcode"] == "B1 1AA"


# Separators ----------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_separator_is_found(delimiter: str) -> None:
    text = "\n".join(delimiter.join(row) for row in [HEADINGS, *good_rows(3)])
    table = read_table(file_name="people.csv", content=text.encode())
    assert (table.delimiter, table.headings, len(table.rows[0])) == (delimiter, HEADINGS, 6)


def test_a_chosen_separator_is_used_and_one_column_gives_a_hint(as_manager: Client) -> None:
    text = "\n".join(";".join(row) for row in [HEADINGS, *good_rows(2)]).encode()
    table = read_table(file_name="people.csv", content=text, delimiter=",")
    assert len(table.headings) == 1
    assert "choose 'semicolon' as the separator" in table.hint
    as_manager.post(
        reverse("interop:legacy_start"),
        {"kind": "people", "source_system": "Day centre", "delimiter": ",", "file": SimpleUploadedFile("people.csv", text)},
    )
    run = ImportRun.objects.get()
    page = as_manager.get(reverse("interop:legacy_map", kwargs={"run_id": run.pk})).content.decode()
    assert "Only one column was found" in page and "semicolon" in page


# Import the rows that are right ----------------------------------------------------------------


def test_the_rows_that_are_right_go_in_and_the_rest_can_be_downloaded(
    as_manager: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    rows = good_rows(4)
    rows[1][4] = "999 000 0019"  # a wrong check digit
    rows[2][3] = "27/03/1850"
    run = make_run(by=world.manager, rows=rows, columns=True)
    preview = as_manager.get(reverse("interop:legacy_preview", kwargs={"run_id": run.pk})).content.decode()
    assert "Import the rows that are right" in preview
    with django_capture_on_commit_callbacks(execute=True):
        as_manager.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk}), {"mode": "partial"})
    run.refresh_from_db()
    assert (run.status, run.created_count, run.partial) == (ImportRun.Status.DONE, 2, True)
    assert Person.objects.filter(family_name__in=["Family0", "Family3"]).count() == 2
    assert not Person.objects.filter(family_name__in=["Family1", "Family2"]).exists()
    page = as_manager.get(reverse("interop:legacy_result", kwargs={"run_id": run.pk})).content.decode()
    assert "2 rows were left out" in page
    download = as_manager.get(reverse("interop:legacy_refused_rows", kwargs={"run_id": run.pk}))
    lines = download.content.decode().splitlines()
    assert lines[0] == ",".join([*HEADINGS, "Problems"])
    assert [line.split(",")[2] for line in lines[1:]] == ["Family1", "Family2"]
    assert "check digit" in lines[1] and "after 1900" in lines[2]


def test_all_or_nothing_is_still_the_default(world: World) -> None:
    rows = good_rows(3)
    rows[1][4] = "999 000 0019"
    run = services.import_file(by=world.manager, run=make_run(by=world.manager, rows=rows, columns=True))
    assert (run.status, run.created_count) == (ImportRun.Status.FAILED, 0)
    assert not Person.objects.filter(family_name__startswith="Family").exists()


def test_the_command_can_import_the_rows_that_are_right_and_write_the_rest(world: World, tmp_path: Path) -> None:
    rows = good_rows(3)
    rows[1][4] = "999 000 0019"
    path, left_out = tmp_path / "people.csv", tmp_path / "left-out.csv"
    path.write_bytes("\n".join(";".join(row) for row in [HEADINGS, *rows]).encode())
    ImportMapping.objects.create(name="Day centre", kind="people", columns=COLUMNS, date_format="day_first", created_by=world.manager)
    out = io.StringIO()
    call_command(
        "import_legacy",
        "--kind",
        "people",
        str(path),
        "--mapping",
        "Day centre",
        "--rows-that-are-right",
        "--rows-left-out",
        str(left_out),
        stdout=out,
    )
    assert "Imported 2 people" in out.getvalue() and "Left out 1 rows" in out.getvalue()
    assert left_out.read_text().splitlines()[1].startswith("DC000001,Given1,Family1")
