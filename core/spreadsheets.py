"""CSV and XLSX files people can open and use: one formula guard, one sheet-title rule, one way of
writing a workbook (real dates and numbers, a styled and frozen header row, an autofilter and
column widths).

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a
formula (OWASP "CSV injection"), so such a cell gets a leading apostrophe, unless it is a plain
number such as "+2.58" or "-1,234" (a spreadsheet reads those as numbers, which is harmless).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from typing import Any
from uuid import UUID

from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60

# A table cell as the reports show it: "1,234", "12.5", "+2.5", "£1,068.98", "56%".
DISPLAY_NUMBER = re.compile(r"(?P<sign>[+-])?(?P<pound>£)?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?(?P<percent>%)?")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def guard(value: object) -> str:
    """The text of a cell, with an apostrophe in front when it would start a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def sheet_title(title: str, taken: Iterable[str] = ()) -> str:
    """A title a workbook accepts: none of [ ] : * ? / \\, at most 31 characters, not blank, not
    already used in the workbook (compared without case, as Excel does)."""
    cleaned = " ".join(SHEET_TITLE_FORBIDDEN.sub(" ", title).split()).strip("'") or "Sheet"
    used = {name.casefold() for name in taken}
    candidate = cleaned[:SHEET_TITLE_MAX].rstrip()
    number = 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate = cleaned[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix
        number += 1
    return candidate


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([guard(value) for value in row])
    return buffer.getvalue()


def cell_value(value: object) -> tuple[Any, str | None]:
    """A value as a spreadsheet should hold it, and its number format: dates as dates, numbers
    (also numbers shown as text like "£1,234.00" or "56%") as numbers, other text guarded."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return ("Yes" if value else "No"), None
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.replace(tzinfo=None, microsecond=0), DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    if isinstance(value, int | float):
        return value, None
    if isinstance(value, Decimal):
        return float(value), "0.00" if value != value.to_integral_value() else None
    if isinstance(value, UUID):
        return str(value), None
    return _text_value(str(value))


def _text_value(text: str) -> tuple[Any, str | None]:
    match = DISPLAY_NUMBER.fullmatch(text.strip())
    if match is None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

        return ILLEGAL_CHARACTERS_RE.sub("", guard(text)), None
    digits = match["digits"].replace(",", "")
    decimals = match["decimals"] or ""
    number: float | int = float(digits + decimals) if decimals else int(digits)
    if match["sign"] == "-":
        number = -number
    places = len(decimals) - 1 if decimals else 0
    body = "#,##0" + ("." + "0" * places if places else "")
    if match["pound"]:
        return number, f'"£"{body}'
    if match["percent"]:
        return number / 100, "0" + ("." + "0" * places if places else "") + "%"
    if match["sign"] == "+":
        return number, f"+{body};-{body};{body}"
    return number, body if ("," in match["digits"] or places) else None


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(index))


def _shown_width(value: Any, number_format: str | None) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if value is None:
        return 0
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0) + (2 if number_format else 0)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per `Sheet`, written row by row (a long list never sits in memory
    twice). The first rows set the column widths."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    taken: list[str] = []
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="005EB8")  # NHS blue
    header_border = Border(bottom=Side(style="thin", color="212B32"))
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        title = sheet_title(spec.title, taken)
        taken.append(title)
        sheet = workbook.create_sheet(title)
        rows: Iterator[Sequence[object]] = iter(spec.rows)
        sample = [[cell_value(value) for value in row] for row in islice(rows, WIDTH_SAMPLE_ROWS)]
        columns = max([len(spec.header), *(len(row) for row in sample)])
        for index in range(columns):
            heading = str(spec.header[index]) if index < len(spec.header) else ""
            widest = max([len(heading), *(_shown_width(*row[index]) for row in sample if index < len(row))])
            sheet.column_dimensions[_letter(index + 1)].width = max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))
        sheet.freeze_panes = "B2" if columns > 1 else "A2"
        last_row = 1
        header_cells = []
        for heading in spec.header:
            cell = WriteOnlyCell(sheet, value=guard(heading))
            cell.font, cell.fill, cell.border, cell.alignment = header_font, header_fill, header_border, wrap
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in chain(sample, ([cell_value(value) for value in row] for row in rows)):
            cells = []
            for value, number_format in row:
                cell = WriteOnlyCell(sheet, value=value)
                if number_format:
                    cell.number_format = number_format
                cells.append(cell)
            sheet.append(cells)
            last_row += 1
        sheet.auto_filter.ref = f"A1:{_letter(max(columns, 1))}{last_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
