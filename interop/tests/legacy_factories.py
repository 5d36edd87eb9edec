"""Files of an old system's people, made up for tests."""

from __future__ import annotations

import csv
import io

from accounts.models import User
from interop.legacy import services
from interop.legacy.models import DateFormat, ImportRun
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
        services.set_columns(by=by, run=run, columns=COLUMNS, date_format=DateFormat.DAY_FIRST)
    return run


REFERRAL_HEADINGS = ["Ref ID", "Client ID", "Received", "Referred by", "Status", "Status date", "Agreed", "Referrer"]
REFERRAL_COLUMNS = {
    "legacy_id": "Ref ID",
    "person_legacy_id": "Client ID",
    "received_on": "Received",
    "source": "Referred by",
    "status": "Status",
    "status_on": "Status date",
    "consent": "Agreed",
    "referrer_name": "Referrer",
}
CONTACT_HEADINGS = ["Contact ID", "Client ID", "Date", "Time", "Minutes", "Type", "Outcome", "Worker", "Notes"]
CONTACT_COLUMNS = {
    "legacy_id": "Contact ID",
    "person_legacy_id": "Client ID",
    "contact_date": "Date",
    "start_time": "Time",
    "minutes": "Minutes",
    "mode": "Type",
    "outcome": "Outcome",
    "worker_name": "Worker",
    "notes": "Notes",
}
ATTENDANCE_HEADINGS = ["Client ID", "Project", "Group", "Date", "Time"]
ATTENDANCE_COLUMNS = {
    "person_legacy_id": "Client ID",
    "project": "Project",
    "activity": "Group",
    "attended_on": "Date",
    "start_time": "Time",
}


def make_kind_run(
    *, by: User, kind: str, headings: list[str], rows: list[list[str]], columns: dict[str, str], source_system: str = "Day centre"
) -> ImportRun:
    run = services.upload_file(
        by=by, file_name=f"{kind}.csv", content=csv_bytes(rows, headings=headings), source_system=source_system, kind=kind
    )
    return services.set_columns(by=by, run=run, columns=columns, date_format=DateFormat.DAY_FIRST)


def import_people_file(*, by: User, count: int = 3) -> ImportRun:
    """The old system's people, brought in first so other files can refer to them by id."""
    return services.import_file(by=by, run=make_run(by=by, rows=good_rows(count), columns=True))
