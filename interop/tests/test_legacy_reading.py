"""Reading and checking an old system's file: encodings, UK dates, NHS numbers, duplicates."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook  # type: ignore[import-untyped]

from interop.legacy.reading import UnreadableFile, read_table
from interop.legacy.validation import check_rows, parse_uk_date
from interop.tests.legacy_factories import COLUMNS, HEADINGS, csv_bytes, good_rows
from people import nhs_number


def test_utf8_with_byte_order_mark_is_read_and_the_mark_dropped() -> None:
    table = read_table(file_name="a.csv", content=csv_bytes([["1", "Zoë", "Ó Briain", "27/03/1990", "", ""]]))
    assert table.headings[0] == "Client ID"
    assert table.rows[0][1:3] == ["Zoë", "Ó Briain"]
    assert table.encoding == "UTF-8"


def test_windows_1252_is_read_when_utf8_fails() -> None:
    table = read_table(file_name="a.csv", content=csv_bytes([["1", "Zoë", "Smith", "27/03/1990", "", ""]], encoding="cp1252"))
    assert table.rows[0][1] == "Zoë"
    assert table.encoding == "Windows-1252"


def test_a_file_neither_encoding_reads_gets_a_clear_message() -> None:
    with pytest.raises(UnreadableFile, match="UTF-8 or Windows-1252"):
        read_table(file_name="a.csv", content=b"Forename\n\x81\x8d\x90\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02", "not a CSV"), (b"A,A\n1,2\n", "same name"), (b"PK\x03\x04broken", "could not be opened")],
)
def test_malformed_files_are_refused_with_what_to_do(content: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_table(file_name="a.csv", content=content)


def test_xlsx_is_read_with_dates_as_dates() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    sheet.append(["DC1", "Ann", "Lee", date(1990, 3, 27), 9990000018, "B1 1AA"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(file_name="people.xlsx", content=buffer.getvalue())
    assert table.rows == [["DC1", "Ann", "Lee", "1990-03-27", "9990000018", "B1 1AA"]]


@pytest.mark.parametrize("text", ["27/03/1990", "27-03-1990", "27.03.1990", "1990-03-27", "27/3/1990"])
def test_uk_date_formats(text: str) -> None:
    assert parse_uk_date(text) == date(1990, 3, 27)


@pytest.mark.parametrize("text", ["03/27/1990", "31/02/1990", "27/03/90", "yesterday", ""])
def test_dates_that_are_not_uk_dates_are_refused(text: str) -> None:
    assert parse_uk_date(text) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_any_date_written_the_uk_way_reads_back(day: date) -> None:
    assert parse_uk_date(day.strftime("%d/%m/%Y")) == day
    assert parse_uk_date(day.strftime("%d-%m-%Y")) == day


def problems_for(rows: list[list[str]]) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message) for row in check_rows(headings=HEADINGS, rows=rows, columns=COLUMNS) for p in row.problems]


def test_good_rows_have_no_problems_and_nhs_numbers_with_spaces_are_accepted() -> None:
    rows = good_rows(3)
    rows[0][4] = nhs_number.formatted(rows[0][4])  # "999 000 0018"
    checked = check_rows(headings=HEADINGS, rows=rows, columns=COLUMNS)
    assert [row.problems for row in checked] == [[], [], []]
    assert checked[0].values["nhs_number"] == rows[0][4].replace(" ", "")


def test_every_problem_is_listed_by_row_and_column() -> None:
    rows = good_rows(4)
    rows[0][4] = "999 000 0019"  # wrong check digit
    rows[1][3] = "03/27/1990"
    rows[2][1] = ""
    rows[3][4] = "12345"
    found = problems_for(rows)
    assert (2, "NHS No") in [(row, column) for row, column, _ in found]
    assert any(row == 2 and "check digit" in message for row, _, message in found)
    assert any(row == 3 and column == "DOB" and "day/month/year" in message for row, column, message in found)
    assert (4, "Forename", "Enter the first name: it is empty") in found
    assert any(row == 5 and "10 digits" in message for row, _, message in found)
    assert len(found) == 4


def test_duplicate_rows_in_the_file_are_problems() -> None:
    rows = good_rows(2)
    rows.append(list(rows[0]))  # same old id and same person
    other = list(rows[1])
    other[0] = "DC999"  # a new old id, but the same person as row 3
    rows.append(other)
    found = problems_for(rows)
    assert any(row == 4 and "Same id as row 2" in message for row, _, message in found)
    assert any(row == 5 and "Same person as row 3" in message for row, _, message in found)
