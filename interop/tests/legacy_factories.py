"""Files of an old system's people, made up for tests."""

from __future__ import annotations

import csv
import io

from accounts.models import User
from interop.legacy import services
from interop.legacy.models import ImportRun
from people import nhs_number

HEADINGS = ["Client ID", "Forename", "Surname", "DOB", "NHS No", "Post Code"]
COLUMNS = {
    "legacy_id": "Client ID",
    "given_name": "Forename",
    "family_name": "Surname",
    "date_of_birth": "DOB",
    "nhs_number": "NHS No",
    "postcode": "Post Code",
}


def good_rows(count: int, *, start: int = 0) -> list[list[str]]:
    numbers = nhs_number.synthetic_numbers(start)
    return [
        [
            f"DC{index:06d}",
            f"Given{index}",
            f"Family{index}",
            f"{index % 28 + 1:02d}/{index % 12 + 1:02d}/19{50 + index % 50}",
            next(numbers),
            "B1 1AA",
        ]
        for index in range(start, start + count)
    ]


def csv_bytes(rows: list[list[str]], *, headings: list[str] | None = None, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings or HEADINGS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def make_run(*, by: User, rows: list[list[str]] | None = None, columns: bool = False, source_system: str = "Day centre") -> ImportRun:
    content = csv_bytes(good_rows(3) if rows is None else rows)
    run = services.upload_file(by=by, file_name="people.csv", content=content, source_system=source_system)
    if columns:
        services.set_columns(by=by, run=run, columns=COLUMNS)
    return run
