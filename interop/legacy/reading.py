"""Read an uploaded CSV or XLSX file into a heading row and data rows of text.

Old systems export CSV as UTF-8 (often with a byte order mark) or as Windows-1252; we try
those in turn and say clearly when neither fits."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"))


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says what to do."""


@dataclass(frozen=True)
class Table:
    headings: list[str]
    rows: list[list[str]]
    encoding: str


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decode(content: bytes) -> tuple[str, str]:
    """The text and the name of the encoding that read it."""
    if b"\x00" in content:
        raise UnreadableFile("The file is not a CSV text file. Save it from the old system as CSV (UTF-8) or as an Excel workbook (.xlsx).")
    for codec, label in ENCODINGS:
        try:
            return content.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        "The file's characters could not be read as UTF-8 or Windows-1252. Save it from the old system as 'CSV UTF-8' and upload it again."
    )


def _read_csv(content: bytes) -> Table:
    text, encoding = decode(content)
    try:
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as problem:
        raise UnreadableFile(f"The CSV file is damaged ({problem}). Save it from the old system again and upload it.") from problem
    return _table(rows, encoding)


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as problem:
        raise UnreadableFile("The Excel file could not be opened. Save it as an Excel workbook (.xlsx) and upload it again.") from problem
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _table(rows, "Excel")


def _table(rows: list[list[str]], encoding: str) -> Table:
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise UnreadableFile("The file is empty. Upload a file with a heading row and at least one row of data.")
    headings = [heading.strip() for heading in rows[0]]
    if len(set(filter(None, headings))) != len([h for h in headings if h]):
        raise UnreadableFile("Two columns in the heading row have the same name. Give each column its own name and upload the file again.")
    width = len(headings)
    data = [(row + [""] * width)[:width] for row in rows[1:]]
    return Table(headings=headings, rows=data, encoding=encoding)


def read_table(*, file_name: str, content: bytes) -> Table:
    if file_name.lower().endswith(".xlsx") or content[:2] == b"PK":
        return _read_xlsx(content)
    return _read_csv(content)
