"""Tables as CSV and XLSX (`core.spreadsheets`: one formula guard, real numbers, a usable header)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.spreadsheets import Sheet, csv_text, guard, xlsx_bytes
from reports.tables import Table

FIRST_HEADING = "Figure"


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will show as text: one that would start a formula gets an apostrophe."""
    return guard(value)


def table_rows(table: Table) -> list[list[str]]:
    return [["", *table.columns], *[[label, *values] for label, values in table.rows]]


def to_csv(rows: Iterable[Sequence[object]]) -> str:
    return csv_text(rows)


def to_xlsx(rows: Iterable[Sequence[object]], *, title: str) -> bytes:
    """The first row is the header (a blank first heading becomes "Figure", so the filter has a
    name); the title is made fit for a sheet tab (`core.spreadsheets.sheet_title`)."""
    listed = list(rows)
    header = [str(value) for value in listed[0]] if listed else []
    if header and not header[0]:
        header[0] = FIRST_HEADING
    return xlsx_bytes([Sheet(title=title, header=header, rows=listed[1:])])
