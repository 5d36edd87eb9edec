"""Check each row of an old system's file against STaR's fields, listing every problem by row
and column, before anything is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

from people import nhs_number


@dataclass(frozen=True)
class TargetField:
    name: str
    label: str
    required: bool = False
    max_length: int = 200


PEOPLE_FIELDS: tuple[TargetField, ...] = (
    TargetField("legacy_id", "Old system's id"),
    TargetField("given_name", "First name", required=True, max_length=100),
    TargetField("family_name", "Last name", required=True, max_length=100),
    TargetField("date_of_birth", "Date of birth", required=True),
    TargetField("nhs_number", "NHS number"),
    TargetField("preferred_name", "Preferred name", max_length=100),
    TargetField("phone", "Phone number", max_length=30),
    TargetField("email", "Email address", max_length=254),
    TargetField("postcode", "Postcode", max_length=8),
)
LABELS = {target.name: target.label for target in PEOPLE_FIELDS}

DATE_PATTERNS = (
    re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"),
)
NHS_MESSAGES = {
    nhs_number.Problem.NOT_DIGITS: "NHS number must be 10 digits",
    nhs_number.Problem.WRONG_LENGTH: "NHS number must be 10 digits",
    nhs_number.Problem.CHECK_DIGIT: "NHS number is not valid (its check digit is wrong): check it against the old record",
    nhs_number.Problem.NOT_ISSUED: "NHS number is not one the NHS issues: check it against the old record",
}


def parse_uk_date(text: str) -> date | None:
    """27/03/1990, 27-03-1990, 27.03.1990 or 1990-03-27; None when it is not a real date."""
    for pattern in DATE_PATTERNS:
        found = pattern.match(text.strip())
        if found:
            try:
                return date(int(found["year"]), int(found["month"]), int(found["day"]))
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class Problem:
    row: int  # the row number as a spreadsheet shows it (the heading is row 1)
    column: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class CheckedRow:
    row: int
    values: dict[str, object]
    problems: list[Problem] = field(default_factory=list)


def check_row(*, row_number: int, cells: dict[str, str], columns: dict[str, str]) -> CheckedRow:
    """`cells` maps STaR field -> raw text; `columns` maps STaR field -> the file's heading."""
    checked = CheckedRow(row=row_number, values={})
    accept_synthetic = settings.STAR_ACCEPT_SYNTHETIC_NHS_NUMBERS

    def problem(name: str, message: str) -> None:
        checked.problems.append(Problem(row_number, columns.get(name, LABELS[name]), message))

    for target in PEOPLE_FIELDS:
        text = cells.get(target.name, "").strip()
        if not text:
            if target.required:
                problem(target.name, f"Enter the {target.label.lower()}: it is empty")
            checked.values[target.name] = None if target.name == "date_of_birth" else ""
            continue
        if target.name == "date_of_birth":
            parsed = parse_uk_date(text)
            if parsed is None:
                problem(target.name, f"'{text}' is not a date: use day/month/year, like 27/03/1990")
            elif parsed > timezone.localdate():
                problem(target.name, "Date of birth is in the future")
            checked.values[target.name] = parsed
        elif target.name == "nhs_number":
            found = nhs_number.problem_with(text, accept_synthetic=accept_synthetic)
            if found is not None:
                problem(target.name, f"{NHS_MESSAGES[found]} ('{text}')")
            checked.values[target.name] = nhs_number.normalise(text)
        else:
            if len(text) > target.max_length:
                problem(target.name, f"{target.label} is longer than {target.max_length} characters")
            checked.values[target.name] = text
    return checked


def identity(values: dict[str, object]) -> tuple[object, ...]:
    """What makes two rows the same person: NHS number, names and date of birth."""
    return (
        values.get("nhs_number") or "",
        str(values.get("given_name") or "").casefold(),
        str(values.get("family_name") or "").casefold(),
        values.get("date_of_birth"),
    )


def check_rows(*, headings: list[str], rows: Iterable[list[str]], columns: dict[str, str]) -> list[CheckedRow]:
    """Every row checked; a row repeating an earlier one (same old id, or same person) is a problem."""
    index = {heading: position for position, heading in enumerate(headings)}
    positions = {name: index[heading] for name, heading in columns.items() if heading in index}
    seen_ids: dict[str, int] = {}
    seen_people: dict[tuple[object, ...], int] = {}
    checked_rows = []
    for offset, row in enumerate(rows):
        row_number = offset + 2
        cells = {name: row[position] for name, position in positions.items()}
        checked = check_row(row_number=row_number, cells=cells, columns=columns)
        legacy_id = str(checked.values.get("legacy_id") or "")
        if legacy_id:
            if legacy_id in seen_ids:
                checked.problems.append(
                    Problem(row_number, columns["legacy_id"], f"Same id as row {seen_ids[legacy_id]}: remove the repeated row")
                )
            seen_ids.setdefault(legacy_id, row_number)
        if not checked.problems:
            key = identity(checked.values)
            if key in seen_people:
                checked.problems.append(Problem(row_number, "Whole row", f"Same person as row {seen_people[key]}: remove the repeated row"))
            seen_people.setdefault(key, row_number)
        checked_rows.append(checked)
    return checked_rows
