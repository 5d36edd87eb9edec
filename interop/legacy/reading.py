"""Read an uploaded CSV or XLSX file into a heading row and data rows of text.

Old systems export CSV as UTF-8 (often with a byte order mark) or as Windows-1252; we try
those in turn and say clearly when neither fits. The separator is detected (comma, semicolon,
tab or pipe) unless the person chose one.

Hostile and huge files are refused before they are read (`check_limits`, the one place the page
and the commands share): an Excel file's entries may not unpack to more than
`STAR_IMPORT_MAX_UNPACKED_BYTES` or compress more than `STAR_IMPORT_MAX_COMPRESSION_RATIO` times,
and a sheet's declared size (its `<dimension>`) may not exceed the row and column limits, which
also bound the rows actually read."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings

ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"))


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says what to do."""


@dataclass(frozen=True)
class Table:
    headings: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str = ","

    @property
    def hint(self) -> str:
        """Why a file may have come out as one column: its heading looks like several, separated."""
        if len(self.headings) != 1:
            return ""
        heading = self.headings[0]
        for mark, name in DELIMITER_NAMES.items():
            if mark in heading:
                return (
                    f"The file came out as one column, but its heading row contains {name}s. "
                    f"Upload it again and choose '{name}' as the separator."
                )
        return ""


DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


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


def detect_delimiter(text: str) -> str:
    """The separator of the first lines (comma, semicolon, tab or pipe); comma when unsure."""
    sample = "\n".join(text[:20_000].splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITER_NAMES)).delimiter
    except csv.Error:
        return ","


def _too_many_rows() -> UnreadableFile:
    return UnreadableFile(
        f"The file has more than {settings.STAR_IMPORT_MAX_ROWS:,} rows. Split it into smaller files and bring them in one at a time."
    )


def _too_many_columns() -> UnreadableFile:
    return UnreadableFile(
        f"The file has more than {settings.STAR_IMPORT_MAX_COLUMNS} columns. "
        "Remove the columns STaR does not need (or clear stray cells far to the right) and upload it again."
    )


def _read_csv(content: bytes, delimiter: str = "") -> Table:
    text, encoding = decode(content)
    delimiter = delimiter or detect_delimiter(text)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(row) > settings.STAR_IMPORT_MAX_COLUMNS:
                raise _too_many_columns()
            rows.append([cell.strip() for cell in row])
            if len(rows) > settings.STAR_IMPORT_MAX_ROWS + 1:
                raise _too_many_rows()
    except csv.Error as problem:
        raise UnreadableFile(f"The CSV file is damaged ({problem}). Save it from the old system again and upload it.") from problem
    return _table(rows, encoding, delimiter)


def _unreadable_xlsx() -> UnreadableFile:
    return UnreadableFile("The Excel file could not be opened. Save it as an Excel workbook (.xlsx) and upload it again.")


def check_limits(*, file_name: str, content: bytes) -> None:
    """Refuse, before reading anything, a file that would take too long or too much memory to read.

    For an Excel file (a zip) only the entries' declared sizes are looked at: what all of them
    unpack to, and how much each is compressed. The declared sizes bind: Python's zip reader
    stops at an entry's declared size. (The sheet's declared dimension is checked when it is
    opened, before its rows are read.) The web page and the commands both come through here."""
    if len(content) > settings.STAR_IMPORT_MAX_BYTES:
        raise UnreadableFile(
            f"The file is too big. It must be {settings.STAR_IMPORT_MAX_BYTES // (1024 * 1024)} MB or smaller: split it into smaller files."
        )
    if not _is_xlsx(file_name, content):
        return
    try:
        entries = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as problem:
        raise _unreadable_xlsx() from problem
    unpacked = sum(entry.file_size for entry in entries)
    limit = settings.STAR_IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise UnreadableFile(
            f"The Excel file unpacks to {unpacked // (1024 * 1024):,} MB, more than STaR reads ({limit // (1024 * 1024)} MB). "
            "Split it into smaller files, or save it as CSV."
        )
    ratio = settings.STAR_IMPORT_MAX_COMPRESSION_RATIO
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > ratio * max(entry.compress_size, 1):
            raise UnreadableFile(
                "The Excel file is packed far more tightly than a real workbook (it may be damaged or made to overload "
                "the server). Open it in Excel, save it again as CSV and upload that."
            )


def _is_xlsx(file_name: str, content: bytes) -> bool:
    return file_name.lower().endswith(".xlsx") or content[:2] == b"PK"


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The declared size, read from the sheet's head without reading its rows. openpyxl would
        # otherwise pad every row to it: A1:XFD1048576 is 17 billion empty cells.
        rows_declared, columns_declared = sheet.max_row, sheet.max_column
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as problem:
        raise _unreadable_xlsx() from problem
    try:
        if columns_declared and columns_declared > settings.STAR_IMPORT_MAX_COLUMNS:
            raise _too_many_columns()
        if rows_declared and rows_declared > settings.STAR_IMPORT_MAX_ROWS + 1:
            raise _too_many_rows()
        sheet.reset_dimensions()  # read only the rows there are, never pad to a declared size
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=settings.STAR_IMPORT_MAX_COLUMNS + 1):
            if len(row) > settings.STAR_IMPORT_MAX_COLUMNS and row[-1] not in (None, ""):
                raise _too_many_columns()
            rows.append([_cell_text(value) for value in row[: settings.STAR_IMPORT_MAX_COLUMNS]])
            if len(rows) > settings.STAR_IMPORT_MAX_ROWS + 1:
                raise _too_many_rows()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as problem:
        raise _unreadable_xlsx() from problem
    finally:
        workbook.close()
    return _table(rows, "Excel")


def _table(rows: list[list[str]], encoding: str, delimiter: str = ",") -> Table:
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise UnreadableFile("The file is empty. Upload a file with a heading row and at least one row of data.")
    while rows[0] and not rows[0][-1]:  # trailing empty headings (stray cells, padding)
        rows[0] = rows[0][:-1]
    headings = [heading.strip() for heading in rows[0]]
    if len(set(filter(None, headings))) != len([h for h in headings if h]):
        raise UnreadableFile("Two columns in the heading row have the same name. Give each column its own name and upload the file again.")
    width = len(headings)
    data = [(row + [""] * width)[:width] for row in rows[1:]]
    return Table(headings=headings, rows=data, encoding=encoding, delimiter=delimiter)


def read_table(*, file_name: str, content: bytes, delimiter: str = "") -> Table:
    """The file as text; `delimiter` "" detects a CSV file's separator."""
    check_limits(file_name=file_name, content=content)
    if _is_xlsx(file_name, content):
        return _read_xlsx(content)
    return _read_csv(content, delimiter)
