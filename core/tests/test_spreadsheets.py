"""The shared CSV/XLSX writer: the formula guard, sheet titles, typed cells, a usable header."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]

from core.spreadsheets import FORMULA_STARTS, PLAIN_NUMBER, Sheet, cell_value, csv_text, guard, sheet_title, xlsx_bytes


@pytest.mark.parametrize("number", ["+2.58", "-1", "+1", "-1,234", "+56%", "-0.5"])
def test_a_plain_number_is_not_guarded(number: str) -> None:
    assert guard(number) == number
    assert csv_text([[number]]).strip().strip('"') == number


@pytest.mark.parametrize("dangerous", ["=1+1", "+SUM(A1)", "-1+1", "@SUM(A1)", "\tx", "\rx", "-", "+", "=2.5", "-2.5e3", "+1 2"])
def test_text_that_starts_a_formula_is_guarded(dangerous: str) -> None:
    assert guard(dangerous) == "'" + dangerous


@given(st.text(max_size=20))
def test_no_guarded_cell_starts_a_formula(value: str) -> None:
    cell = guard(value)
    assert not cell.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(cell)
    assert cell in (value, "'" + value)


@given(st.text(max_size=60), st.lists(st.text(max_size=40), max_size=5))
def test_every_sheet_title_is_accepted_by_a_workbook(title: str, taken: list[str]) -> None:
    made = sheet_title(title, taken)
    assert 1 <= len(made) <= 31
    assert not set(made) & set("[]:*?/\\")
    assert made.casefold() not in {t.casefold() for t in taken}


def test_sheet_titles_are_unique_and_short() -> None:
    first = sheet_title("Outcomes: change from first to last score")
    assert first == "Outcomes change from first to l"
    assert sheet_title("Outcomes: change from first to last score", [first]) == "Outcomes change from first (2)"


def test_display_numbers_become_numbers() -> None:
    assert cell_value("1,234") == (1234, "#,##0")
    assert cell_value("12") == (12, None)
    assert cell_value("£1,068.98") == (1068.98, '"£"#,##0.00')
    assert cell_value("56%") == (0.56, "0%")
    assert cell_value("+2.5") == (2.5, "+#,##0.0;-#,##0.0;#,##0.0")
    assert cell_value("-2.5") == (-2.5, "#,##0.0")
    assert cell_value("Not shown") == ("Not shown", None)
    assert cell_value(date(2025, 10, 1)) == (date(2025, 10, 1), "yyyy-mm-dd")


def test_workbook_has_a_styled_frozen_filtered_header_and_widths() -> None:
    rows: list[list[object]] = [
        ["A rather long label for a figure", "12", "£3.50", date(2025, 10, 1)],
        ["Zoë Łukasz محمد 李", "Not shown", "=1+1", None],
    ]
    content = xlsx_bytes([Sheet(title="Outcomes: change [x]", header=["Figure", "Q3", "Cost", "Day"], rows=rows)])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Outcomes change x"
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:D3"
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("005EB8")
    assert sheet.column_dimensions["A"].width >= len("A rather long label for a figure")
    assert sheet["B2"].value == 12 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == 3.5 and sheet["C2"].number_format == '"£"#,##0.00'
    assert sheet["D2"].is_date and sheet["A3"].value == "Zoë Łukasz محمد 李"
    assert sheet["C3"].value == "'=1+1" and sheet["C3"].data_type == "s"
