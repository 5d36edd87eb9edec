"""Upload, map and import an old system's file of people, referrals, contacts or attendances, in
one transaction: every row goes in, or nothing does. Rows already brought in (same old id, or
the same person or session) are left alone, so importing a file twice adds nothing twice.

The import itself runs as a Celery task (`interop.tasks`); without a broker it runs at once."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from audit.services import Action, record_event
from interop.exports import neutralise
from interop.legacy import progress
from interop.legacy.kinds import Importer, importer_for
from interop.legacy.models import ImportKind, ImportMapping, ImportRun
from interop.legacy.reading import Table, UnreadableFile, read_table
from interop.legacy.validation import CheckedRow, Problem, check_rows, fields_for

if TYPE_CHECKING:
    from accounts.models import User

BATCH_SIZE = 1000
STARTABLE = (ImportRun.Status.UPLOADED, ImportRun.Status.FAILED)
PREVIEW_ROWS = 20
PREVIEW_KEEP_SECONDS = 30 * 60


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
    delimiter: str = "",
    in_request: bool = False,
) -> ImportRun:
    """Store the file for mapping; raises reading.UnreadableFile if it cannot be read (the limits
    are checked before reading, the same for the page and the commands). `in_request`: the page
    with no background worker refuses a file too big to import within a web request."""
    table = read_table(file_name=file_name, content=content, delimiter=delimiter)
    if in_request and not settings.STAR_CELERY_BROKER_URL and len(table.rows) > settings.STAR_IMPORT_MAX_ROWS_IN_REQUEST:
        raise UnreadableFile(
            f"The file has {len(table.rows):,} rows. Without a background worker this page brings in up to "
            f"{settings.STAR_IMPORT_MAX_ROWS_IN_REQUEST:,} rows at a time. Split the file, or ask your administrator to run "
            f"'manage.py import_legacy --kind {kind} FILE --mapping NAME' (with a mapping saved here from a smaller file), "
            "or to start a background worker."
        )
    run = ImportRun.objects.create(
        kind=kind,
        file_name=file_name[:255],
        content=content,
        source_system=source_system,
        uploaded_by=by,
        total_rows=len(table.rows),
        delimiter=delimiter,
    )
    record_event(user=by, action=Action.CREATE, obj=run, detail={"legacy_import": "uploaded", "kind": kind, "rows": run.total_rows})
    return run


def table_for(run: ImportRun) -> Table:
    if run.purged_at is not None:
        raise UnreadableFile("This file was removed because a person in it had their record destroyed. Upload the file again.")
    return read_table(file_name=run.file_name, content=bytes(run.content), delimiter=run.delimiter)


def lock_run_for_edit(run: ImportRun) -> ImportRun:
    """The run as saved now, locked until the end of the transaction (the column-matching form
    checks it for someone else's change before saving: `submissions.conflicts`)."""
    return ImportRun.objects.select_for_update().get(pk=run.pk)


def saved_columns(run: ImportRun) -> dict[str, str]:
    """The run's column matching as the matching form shows it: one answer per STaR field."""
    return {target.name: run.columns.get(target.name, "") for target in fields_for(run.kind)} | {"date_format": run.date_format}


def set_columns(*, by: User, run: ImportRun, columns: dict[str, str], save_as: str = "", date_format: str = "") -> ImportRun:
    run.columns = {name: heading for name, heading in columns.items() if heading}
    run.date_format = date_format
    run.save(update_fields=["columns", "date_format"])
    if save_as:
        ImportMapping.objects.update_or_create(
            name=save_as, kind=run.kind, defaults={"columns": run.columns, "date_format": date_format, "created_by": by}
        )
    return run


def checked_rows(run: ImportRun) -> list[CheckedRow]:
    """Every row checked on its own and against the rest of the file (nothing from the database)."""
    table = table_for(run)
    return check_rows(
        headings=table.headings,
        rows=table.rows,
        columns=run.columns,
        kind=run.kind,
        date_format=run.date_format,
        targets=fields_for(run.kind),
    )


def batches(rows: list[CheckedRow]) -> Iterator[list[CheckedRow]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def rows_for_preview(*, by: User, run: ImportRun) -> list[CheckedRow]:
    """Every row with every problem, including what STaR lacks (the person, the project), read only."""
    rows = checked_rows(run)
    _resolve_read_only(importer_for(run, by=by), rows)
    return rows


@dataclass(frozen=True)
class Preview:
    """What the preview page and the problems download show, checked once and kept."""

    row_count: int
    problems: list[dict[str, object]]
    first_rows: list[tuple[int, list[str], bool]]  # row number, values as shown, has a problem
    headings: list[str]


def preview_key(run: ImportRun) -> str:
    """The cache key of a run's checked preview: one per run, so it can be forgotten."""
    return f"interop:legacy-preview:{run.pk}"


def _preview_fingerprint(run: ImportRun) -> str:
    """What the preview was worked out from: the file, mapping and options, and the day (which
    decides what is "in the future"). A changed mapping or a new day checks the file again."""
    digest = hashlib.sha256(bytes(run.content))
    digest.update(json.dumps([run.kind, run.source_system, run.columns, run.date_format, run.delimiter], sort_keys=True).encode())
    digest.update(timezone.localdate().isoformat().encode())
    return digest.hexdigest()


def preview_of(*, by: User, run: ImportRun, fresh: bool = False) -> Preview:
    """The checked preview, worked out once per file and mapping and kept for half an hour, so
    looking at it again (or downloading its problems) does not check the whole file again."""
    key, fingerprint = preview_key(run), _preview_fingerprint(run)
    found = None if fresh else cache.get(key)
    if isinstance(found, tuple) and found[0] == fingerprint and isinstance(found[1], Preview):
        return found[1]
    rows = rows_for_preview(by=by, run=run)
    targets = [target for target in fields_for(run.kind) if target.name in run.columns]
    preview = Preview(
        row_count=len(rows),
        problems=[problem.as_dict() for row in rows for problem in row.problems],
        first_rows=[
            (row.row, [shown_value(row.values.get(target.name), target.shown) for target in targets], bool(row.problems))
            for row in rows[:PREVIEW_ROWS]
        ],
        headings=[run.columns[target.name] for target in targets],
    )
    cache.set(key, (fingerprint, preview), PREVIEW_KEEP_SECONDS)
    return preview


def forget_preview(run: ImportRun) -> None:
    cache.delete(preview_key(run))


def shown_value(value: object, shown: dict[str, str] | None = None) -> str:
    """A checked value as the preview shows it: dates the UK way, choices in words."""
    if value is None:
        return ""
    if shown and isinstance(value, str):
        return shown.get(value, value)
    if isinstance(value, (datetime.time, datetime.datetime)):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _resolve_read_only(importer: Importer, rows: list[CheckedRow]) -> None:
    for batch in batches(rows):
        ready = [row for row in batch if not row.problems]
        if ready:
            importer.resolve(ready)


def _problems(rows: list[CheckedRow]) -> list[Problem]:
    return [problem for row in rows for problem in row.problems]


def start_import(*, by: User, run: ImportRun, partial: bool = False) -> None:
    """Mark the run as importing and hand it to the worker (or, with no broker, run it now).

    An interrupted run (`progress.interrupted`: importing, but silent for too long) may be started
    again: its transaction never committed, so nothing of it was saved. `partial`: import the
    rows that are right and leave out the rest (listed, to download) instead of all or nothing."""
    from interop.tasks import import_legacy_file

    if run.status == ImportRun.Status.DONE:
        raise ImportRefused("This file has already been imported. To bring in more rows, upload a new file.")
    if run.purged_at is not None:
        raise ImportRefused("This file was removed because a person in it had their record destroyed. Upload the file again.")
    restarting = progress.interrupted(run)
    startable = ImportRun.objects.filter(pk=run.pk, status__in=STARTABLE)
    if restarting:  # claim it only if nobody else restarted it meanwhile
        startable = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.IMPORTING, started_at=run.started_at)
    claimed = startable.update(status=ImportRun.Status.IMPORTING, started_at=timezone.now(), finished_at=None, partial=partial)
    if not claimed:
        raise ImportRefused(
            "This file is being imported now: wait for it to finish. If nothing has happened for "
            f"{settings.STAR_IMPORT_STALE_MINUTES} minutes, you can start it again from this page."
        )
    progress.report(run.pk, phase="waiting", done=0, total=run.total_rows)
    record_event(
        user=by,
        action=Action.UPDATE,
        obj=run,
        detail={"legacy_import": "restarted" if restarting else "started", "partial": partial},
    )
    transaction.on_commit(lambda: import_legacy_file.delay(run.pk, by.pk))


def import_file(*, by: User, run: ImportRun) -> ImportRun:
    """Every row in, or nothing: a row with a problem, or any failure part way, commits nothing."""
    if run.status == ImportRun.Status.DONE:
        raise ImportRefused("This file has already been imported.")
    total = run.total_rows
    progress.report(run.pk, phase="checking", done=0, total=total)
    rows = checked_rows(run)
    importer = importer_for(run, by=by)
    if run.partial:
        return _import_rows_that_are_right(run=run, rows=rows, importer=importer)
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


def _import_rows_that_are_right(*, run: ImportRun, rows: list[CheckedRow], importer: Importer) -> ImportRun:
    """Write every row without a problem, in one transaction; the others are left out and listed
    on the run (their problems), so they can be downloaded, corrected and brought in later."""
    created = already = done = 0
    try:
        with transaction.atomic():
            for batch in batches(rows):
                ready = [row for row in batch if not row.problems]
                if ready:
                    importer.resolve(ready)
                    ready = [row for row in ready if not row.problems]
                if ready:
                    written = importer.write(ready)
                    created, already = created + written.created, already + written.already_there
                done += len(batch)
                progress.report(run.pk, phase="importing", done=done, total=run.total_rows)
            run.status, run.rows_done, run.created_count, run.already_there_count = ImportRun.Status.DONE, done, created, already
            run.problems, run.finished_at = [problem.as_dict() for problem in _problems(rows)], timezone.now()
            run.save(update_fields=["status", "rows_done", "created_count", "already_there_count", "problems", "finished_at"])
    except Exception as failure:
        run.refresh_from_db()
        message = f"The import stopped part way ({type(failure).__name__}); nothing was saved. Try again, or ask for help."
        _fail(run, [{"row": "", "column": "", "message": message}])
        raise
    progress.report(run.pk, phase="done", done=done, total=run.total_rows)
    return run


def refused_rows_csv(run: ImportRun) -> str:
    """The rows left out (or that stopped the import), as the file had them, with their problems
    in a last column: correct them and bring them in as a new file."""
    problems: dict[int, list[str]] = {}
    for problem in run.problems:
        if isinstance(problem.get("row"), int):
            problems.setdefault(int(problem["row"]), []).append(f"{problem['column']}: {problem['message']}")
    table = table_for(run)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*table.headings, "Problems"])
    for offset, cells in enumerate(table.rows):
        found = problems.get(offset + 2)
        if found:
            writer.writerow([neutralise(cell) for cell in cells] + [neutralise("; ".join(found))])
    return buffer.getvalue()


def import_people(*, by: User, run: ImportRun) -> ImportRun:
    """The people import's old name, kept for callers that use it."""
    return import_file(by=by, run=run)


def _fail(run: ImportRun, problems: list[dict[str, object]]) -> ImportRun:
    run.status, run.problems, run.finished_at = ImportRun.Status.FAILED, problems, timezone.now()
    run.save(update_fields=["status", "problems", "finished_at"])
    progress.report(run.pk, phase="failed", done=0, total=run.total_rows)
    return run
