"""Upload, map and import an old system's file of people, referrals, contacts or attendances, in
one transaction: every row goes in, or nothing does. Rows already brought in (same old id, or
the same person or session) are left alone, so importing a file twice adds nothing twice.

The import itself runs as a Celery task (`interop.tasks`); without a broker it runs at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from audit.services import Action, record_event
from interop.legacy import progress
from interop.legacy.kinds import Importer, importer_for
from interop.legacy.models import ImportKind, ImportMapping, ImportRun
from interop.legacy.reading import Table, read_table
from interop.legacy.validation import CheckedRow, Problem, check_rows

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

BATCH_SIZE = 1000
STARTABLE = (ImportRun.Status.UPLOADED, ImportRun.Status.FAILED)


class ImportRefused(Exception):
    """The import cannot start (already run, or already running)."""


class _RowsHaveProblems(Exception):
    """Raised inside the import's transaction to undo it when rows cannot go in."""


def upload_file(
    *,
    by: User,
    file_name: str,
    content: bytes,
    source_system: str,
    kind: str = ImportKind.PEOPLE,
    request: HttpRequest | None = None,
) -> ImportRun:
    """Store the file for mapping; raises reading.UnreadableFile if it cannot be read."""
    table = read_table(file_name=file_name, content=content)
    run = ImportRun.objects.create(
        kind=kind, file_name=file_name[:255], content=content, source_system=source_system, uploaded_by=by, total_rows=len(table.rows)
    )
    record_event(
        user=by, action=Action.CREATE, obj=run, detail={"legacy_import": "uploaded", "kind": kind, "rows": run.total_rows}, request=request
    )
    return run


def table_for(run: ImportRun) -> Table:
    return read_table(file_name=run.file_name, content=bytes(run.content))


def set_columns(*, by: User, run: ImportRun, columns: dict[str, str], save_as: str = "") -> ImportRun:
    run.columns = {name: heading for name, heading in columns.items() if heading}
    run.save(update_fields=["columns"])
    if save_as:
        ImportMapping.objects.update_or_create(name=save_as, kind=run.kind, defaults={"columns": run.columns, "created_by": by})
    return run


def checked_rows(run: ImportRun) -> list[CheckedRow]:
    """Every row checked on its own and against the rest of the file (nothing from the database)."""
    table = table_for(run)
    return check_rows(headings=table.headings, rows=table.rows, columns=run.columns, kind=run.kind)


def batches(rows: list[CheckedRow]) -> Iterator[list[CheckedRow]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def rows_for_preview(*, by: User, run: ImportRun) -> list[CheckedRow]:
    """Every row with every problem, including what STaR lacks (the person, the project), read only."""
    rows = checked_rows(run)
    _resolve_read_only(importer_for(run, by=by), rows)
    return rows


def _resolve_read_only(importer: Importer, rows: list[CheckedRow]) -> None:
    for batch in batches(rows):
        ready = [row for row in batch if not row.problems]
        if ready:
            importer.resolve(ready)


def _problems(rows: list[CheckedRow]) -> list[Problem]:
    return [problem for row in rows for problem in row.problems]


def start_import(*, by: User, run: ImportRun, request: HttpRequest | None = None) -> None:
    """Mark the run as importing and hand it to the worker (or, with no broker, run it now)."""
    from interop.tasks import import_legacy_file

    claimed = ImportRun.objects.filter(pk=run.pk, status__in=STARTABLE).update(
        status=ImportRun.Status.IMPORTING, started_at=timezone.now(), finished_at=None
    )
    if not claimed:
        raise ImportRefused("This file has already been imported, or is being imported now.")
    progress.report(run.pk, phase="waiting", done=0, total=run.total_rows)
    record_event(user=by, action=Action.UPDATE, obj=run, detail={"legacy_import": "started"}, request=request)
    transaction.on_commit(lambda: import_legacy_file.delay(run.pk, by.pk))


def import_file(*, by: User, run: ImportRun, request: HttpRequest | None = None) -> ImportRun:
    """Every row in, or nothing: a row with a problem, or any failure part way, commits nothing."""
    if run.status == ImportRun.Status.DONE:
        raise ImportRefused("This file has already been imported.")
    total = run.total_rows
    progress.report(run.pk, phase="checking", done=0, total=total)
    rows = checked_rows(run)
    importer = importer_for(run, by=by, request=request)
    if _problems(rows):  # list what the database adds too, so one report has every problem
        _resolve_read_only(importer, rows)
        return _fail(run, [problem.as_dict() for problem in _problems(rows)])
    problems: list[Problem] = []
    created = already = done = 0
    try:
        with transaction.atomic():
            for batch in batches(rows):
                importer.resolve(batch)
                found = _problems(batch)
                if found:
                    problems.extend(found)
                elif not problems:  # once a row cannot go in, the rest are only checked
                    written = importer.write(batch)
                    created, already = created + written.created, already + written.already_there
                done += len(batch)
                progress.report(run.pk, phase="checking" if problems else "importing", done=done, total=total)
            if problems:
                raise _RowsHaveProblems
            run.status, run.rows_done, run.created_count, run.already_there_count = ImportRun.Status.DONE, done, created, already
            run.problems, run.finished_at = [], timezone.now()
            run.save(update_fields=["status", "rows_done", "created_count", "already_there_count", "problems", "finished_at"])
    except _RowsHaveProblems:
        return _fail(run, [problem.as_dict() for problem in problems])
    except Exception as failure:
        run.refresh_from_db()
        message = f"The import stopped part way ({type(failure).__name__}); nothing was saved. Try again, or ask for help."
        _fail(run, [{"row": "", "column": "", "message": message}])
        raise
    progress.report(run.pk, phase="done", done=done, total=total)
    return run


def import_people(*, by: User, run: ImportRun, request: HttpRequest | None = None) -> ImportRun:
    """The people import's old name, kept for callers that use it."""
    return import_file(by=by, run=run, request=request)


def _fail(run: ImportRun, problems: list[dict[str, object]]) -> ImportRun:
    run.status, run.problems, run.finished_at = ImportRun.Status.FAILED, problems, timezone.now()
    run.save(update_fields=["status", "problems", "finished_at"])
    progress.report(run.pk, phase="failed", done=0, total=run.total_rows)
    return run
