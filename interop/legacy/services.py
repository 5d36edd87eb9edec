"""Upload, map and import an old system's people, in one transaction: every row goes in, or
nothing does. Rows already brought in (same old id, or same NHS number, names and date of
birth) are left alone, so importing a file twice adds no one twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from audit.services import Action, record_event, record_events_for_people
from interop.legacy.models import ImportMapping, ImportRun, LegacyRecord
from interop.legacy.reading import Table, read_table
from interop.legacy.validation import CheckedRow, check_rows, identity
from people.models import Person
from people.models.person import NHSNumberStatus

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

BATCH_SIZE = 500


class ImportRefused(Exception):
    """The import cannot start (problems in the file, or it was already run)."""


def upload_file(*, by: User, file_name: str, content: bytes, source_system: str, request: HttpRequest | None = None) -> ImportRun:
    """Store the file for mapping; raises reading.UnreadableFile if it cannot be read."""
    table = read_table(file_name=file_name, content=content)
    run = ImportRun.objects.create(
        file_name=file_name[:255], content=content, source_system=source_system, uploaded_by=by, total_rows=len(table.rows)
    )
    record_event(user=by, action=Action.CREATE, obj=run, detail={"legacy_import": "uploaded", "rows": run.total_rows}, request=request)
    return run


def table_for(run: ImportRun) -> Table:
    return read_table(file_name=run.file_name, content=bytes(run.content))


def set_columns(*, by: User, run: ImportRun, columns: dict[str, str], save_as: str = "") -> ImportRun:
    run.columns = {name: heading for name, heading in columns.items() if heading}
    run.save(update_fields=["columns"])
    if save_as:
        ImportMapping.objects.update_or_create(name=save_as, defaults={"columns": run.columns, "created_by": by, "kind": run.kind})
    return run


def checked_rows(run: ImportRun) -> list[CheckedRow]:
    table = table_for(run)
    return check_rows(headings=table.headings, rows=table.rows, columns=run.columns)


def _batches(rows: list[CheckedRow]) -> Iterator[list[CheckedRow]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def _already_there(run: ImportRun, batch: list[CheckedRow]) -> set[int]:
    """Rows of this batch whose person is already in STaR (two queries, whatever the batch size)."""
    ids = {str(row.values["legacy_id"]): row.row for row in batch if row.values.get("legacy_id")}
    found = set()
    if ids:
        known = LegacyRecord.objects.filter(source_system=run.source_system, legacy_id__in=ids).values_list("legacy_id", flat=True)
        found = {ids[legacy_id] for legacy_id in known}
    others = [row for row in batch if row.row not in found]
    if not others:
        return found
    births = {row.values["date_of_birth"] for row in others if isinstance(row.values["date_of_birth"], date)}
    existing = {
        identity({"nhs_number": n, "given_name": g, "family_name": f, "date_of_birth": d})
        for n, g, f, d in Person.objects.filter(date_of_birth__in=births).values_list(
            "nhs_number", "given_name", "family_name", "date_of_birth"
        )
    }
    return found | {row.row for row in others if identity(row.values) in existing}


def import_people(*, by: User, run: ImportRun, request: HttpRequest | None = None) -> ImportRun:
    """Every row in, or nothing: a row with a problem, or any failure part way, commits nothing."""
    if run.status == ImportRun.Status.DONE:
        raise ImportRefused("This file has already been imported.")
    rows = checked_rows(run)
    problems = [problem.as_dict() for row in rows for problem in row.problems]
    if problems:
        run.status, run.problems, run.finished_at = ImportRun.Status.FAILED, problems, timezone.now()
        run.save(update_fields=["status", "problems", "finished_at"])
        return run
    now = timezone.now()
    created = already = done = 0
    try:
        with transaction.atomic():
            for batch in _batches(rows):
                skip = _already_there(run, batch)
                new_rows = [row for row in batch if row.row not in skip]
                people = [_person(row, by=by, now=now) for row in new_rows]
                Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
                LegacyRecord.objects.bulk_create(
                    [
                        LegacyRecord(source_system=run.source_system, legacy_id=str(row.values["legacy_id"]), person=person, import_run=run)
                        for row, person in zip(new_rows, people, strict=True)
                        if row.values.get("legacy_id")
                    ],
                    batch_size=BATCH_SIZE,
                )
                record_events_for_people(
                    user=by,
                    action=Action.CREATE,
                    person_ids=[person.pk for person in people],
                    detail={"legacy_import": run.pk},
                    request=request,
                )
                created, already, done = created + len(people), already + len(skip), done + len(batch)
            run.status, run.rows_done, run.created_count, run.already_there_count = ImportRun.Status.DONE, done, created, already
            run.problems, run.finished_at = [], timezone.now()
            run.save(update_fields=["status", "rows_done", "created_count", "already_there_count", "problems", "finished_at"])
    except Exception as failure:
        run.refresh_from_db()
        run.status, run.finished_at = ImportRun.Status.FAILED, timezone.now()
        run.problems = [
            {
                "row": "",
                "column": "",
                "message": f"The import stopped part way ({type(failure).__name__}); nothing was saved. Try again, or ask for help.",
            }
        ]
        run.save(update_fields=["status", "problems", "finished_at"])
        raise
    return run


def _person(row: CheckedRow, *, by: User, now: datetime) -> Person:
    text = {name: str(value or "") for name, value in row.values.items()}
    birth = row.values.get("date_of_birth")
    number = text.get("nhs_number", "")
    return Person(
        given_name=text["given_name"],
        family_name=text["family_name"],
        preferred_name=text.get("preferred_name", ""),
        date_of_birth=birth if isinstance(birth, date) else None,
        nhs_number=number,
        nhs_number_status=NHSNumberStatus.NOT_TRACED if number else NHSNumberStatus.NOT_PRESENT,
        phone=text.get("phone", ""),
        email=text.get("email", ""),
        postcode=text.get("postcode", "").upper(),
        created_by=by,
        created_at=now,
        updated_at=now,
    )
