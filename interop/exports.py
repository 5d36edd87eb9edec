"""List exports as CSV or XLSX, through the same gates as the API, every person in them audited.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a
formula, so such cells are prefixed with an apostrophe (OWASP "CSV injection"); the guard and the
workbook layout are `core.spreadsheets`'. Each list starts with the person's name, not an id."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from audit.services import Action, record_events_for_people
from core.spreadsheets import Sheet, guard
from core.spreadsheets import xlsx_bytes as workbook_bytes
from interop import access
from questions.models import Question
from questions.presenters import answers_for_export, export_heading, questions_for_export

if TYPE_CHECKING:
    from accounts.models import User

CHUNK = 2000


def neutralise(value: object) -> str:
    return guard(value)


@dataclass(frozen=True)
class ListExport:
    label: str
    columns: tuple[tuple[str, str], ...]  # (heading, attribute path with __ for relations)
    rows: Callable[[Any], QuerySet[Any]]
    person_id: str = "person_id"
    # The service's own questions answered where these rows were recorded (questions.presenters.ANSWERS_BY).
    answers_by: str = ""

    def own_questions(self) -> list[Question]:
        return questions_for_export(self.answers_by) if self.answers_by else []

    def headings(self, questions: list[Question]) -> list[str]:
        return [heading for heading, _ in self.columns] + [export_heading(question) for question in questions]


EXPORTS: dict[str, ListExport] = {
    "people": ListExport(
        "People",
        (
            ("Last name", "family_name"),
            ("First name", "given_name"),
            ("Preferred name", "preferred_name"),
            ("Date of birth", "date_of_birth"),
            ("NHS number", "nhs_number"),
            ("Postcode", "postcode"),
            ("Id", "id"),
        ),
        lambda user: access.api_people_for(user),
        person_id="id",
        answers_by="person",
    ),
    "referrals": ListExport(
        "Referrals",
        (
            ("Last name", "person__family_name"),
            ("First name", "person__given_name"),
            ("Received", "received_at"),
            ("Source", "source"),
            ("Referrer", "referrer_name"),
            ("Urgency", "urgency"),
            ("Status", "status"),
            ("Reference id", "id"),
            ("Person id", "person_id"),
        ),
        lambda user: access.api_referrals_for(user),
        answers_by="referral",
    ),
    "contacts": ListExport(
        "Contacts",
        (
            ("Last name", "person__family_name"),
            ("First name", "person__given_name"),
            ("Date", "contact_date"),
            ("Minutes", "minutes"),
            ("Mode", "mode"),
            ("Outcome", "outcome"),
            ("Id", "id"),
            ("Person id", "person_id"),
        ),
        lambda user: access.api_contacts_for(user),
        answers_by="contact",
    ),
    "attendances": ListExport(
        "Attendance",
        (
            ("Last name", "person__family_name"),
            ("First name", "person__given_name"),
            ("Activity", "session__activity__name"),
            ("Session starts", "session__starts_at"),
            ("Id", "id"),
            ("Person id", "person_id"),
        ),
        lambda user: access.api_attendances_for(user),
    ),
}


def csv_rows(export: ListExport, user: User) -> Iterator[str]:
    """The CSV, a chunk at a time; each chunk's people are audited before it is sent."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def taken() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    questions = export.own_questions()
    writer.writerow(export.headings(questions))
    yield taken()  # the heading
    for chunk in _audited_chunks(export, user, "csv", questions):
        writer.writerows([neutralise(value) for value in row] for row in chunk)
        yield taken()


def _audited_chunks(export: ListExport, user: User, file_format: str, questions: list[Question]) -> Iterator[list[tuple[Any, ...]]]:
    """The rows a chunk at a time, each chunk's people audited before it is handed on; the
    answers to the service's own questions follow each row's own columns (one query a chunk)."""
    fields = [path for _, path in export.columns]
    values: Iterable[tuple[Any, ...]] = export.rows(user).values_list(*fields, "pk", export.person_id).iterator(chunk_size=CHUNK)
    chunk: list[tuple[Any, ...]] = []

    def audited() -> list[tuple[Any, ...]]:
        record_events_for_people(
            user=user,
            action=Action.EXPORT,
            person_ids={row[-1] for row in chunk},
            detail={"export": export.label.lower(), "format": file_format},
        )
        answers = answers_for_export(questions, answers_by=export.answers_by, ids=[row[-2] for row in chunk]) if questions else {}
        done = [(*row[:-2], *answers.get(row[-2], ())) for row in chunk]
        chunk.clear()
        return done

    for row in values:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield audited()
    if chunk:
        yield audited()


def xlsx_bytes(export: ListExport, user: User) -> bytes:
    """The list as an Excel workbook: real dates and numbers, text guarded as in the CSV, a frozen
    and filtered header row."""
    questions = export.own_questions()
    rows = (row for chunk in _audited_chunks(export, user, "xlsx", questions) for row in chunk)
    return workbook_bytes([Sheet(title=export.label, header=export.headings(questions), rows=rows)])
