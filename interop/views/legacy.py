"""A manager brings in the old system's data (people, referrals, contacts, attendance): upload,
map columns, preview, import (in the background), and the status page with its progress bar."""

from __future__ import annotations

import contextlib
import csv
import io

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from interop.exports import neutralise
from interop.legacy import access, services
from interop.legacy.forms import MappingForm, UploadForm, UseMappingForm, size_in_words
from interop.legacy.models import ImportKind, ImportRun
from interop.legacy.progress import progress_of
from interop.legacy.reading import UnreadableFile
from interop.legacy.validation import fields_for, labels_for

PREVIEW_ROWS = 20
PROBLEMS_SHOWN = 200


@requires(Capability.IMPORT_LEGACY_DATA)
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.upload_file(
                by=acting_user(request),
                file_name=upload.name,
                content=upload.read(),
                source_system=form.cleaned_data["source_system"],
                kind=form.cleaned_data["kind"],
                request=request,
            )
        except UnreadableFile as problem:
            form.add_error("file", str(problem))
        else:
            return redirect("interop:legacy_map", run_id=run.pk)
    return render(
        request,
        "interop/legacy/start.jinja",
        {"form": form, "runs": access.recent_runs(), "limit": size_in_words(settings.STAR_IMPORT_MAX_BYTES)},
    )


@requires(Capability.IMPORT_LEGACY_DATA)
def import_map(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_with_file_for(acting_user(request), run_id)
    table = services.table_for(run)
    names = access.mapping_names(run.kind)
    chosen = request.GET.get("mapping", "")
    use_form = UseMappingForm(request.GET if chosen else None, names=names)
    initial = (
        access.saved_columns(run.kind, chosen) if chosen and use_form.is_valid() else dict(run.columns) or _guess(run.kind, table.headings)
    )
    form = MappingForm(posted(request), kind=run.kind, headings=table.headings, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_columns(by=acting_user(request), run=run, columns=form.columns(), save_as=form.cleaned_data["save_as"].strip())
        return redirect("interop:legacy_preview", run_id=run.pk)
    return render(
        request,
        "interop/legacy/map.jinja",
        {"run": run, "kind": ImportKind(run.kind).label, "form": form, "use_form": use_form, "names": names, "headings": table.headings},
    )


def _guess(kind: str, headings: list[str]) -> dict[str, str]:
    """Fill in the obvious: a heading that is the field's own label."""
    by_text = {heading.casefold(): heading for heading in headings}
    return {name: by_text[label.casefold()] for name, label in labels_for(kind).items() if label.casefold() in by_text}


@requires(Capability.IMPORT_LEGACY_DATA)
def import_preview(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_with_file_for(acting_user(request), run_id)
    if not run.columns:
        return redirect("interop:legacy_map", run_id=run.pk)
    rows = services.rows_for_preview(by=acting_user(request), run=run)
    problems = [problem for row in rows for problem in row.problems]
    targets = [target for target in fields_for(run.kind) if target.name in run.columns]
    fields = [target.name for target in targets]
    preview = [
        (row.row, [run_value(row.values.get(target.name), target.shown) for target in targets], bool(row.problems))
        for row in rows[:PREVIEW_ROWS]
    ]
    return render(
        request,
        "interop/legacy/preview.jinja",
        {
            "run": run,
            "kind": ImportKind(run.kind).label.lower(),
            "headings": [run.columns[name] for name in fields],
            "preview": preview,
            "problems": problems[:PROBLEMS_SHOWN],
            "problem_count": len(problems),
            "row_count": len(rows),
        },
    )


def run_value(value: object, shown: dict[str, str] | None = None) -> str:
    """A checked value as the preview shows it: dates the UK way, choices in words."""
    if value is None:
        return ""
    if shown and isinstance(value, str):
        return shown.get(value, value)
    if hasattr(value, "hour"):
        return value.strftime("%H:%M")  # type: ignore[attr-defined]
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


@require_POST
@requires(Capability.IMPORT_LEGACY_DATA)
def import_go(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_with_file_for(acting_user(request), run_id)
    # A refused or failed import is recorded on the run (nothing saved); the status page says so.
    with contextlib.suppress(services.ImportRefused, DatabaseError):
        services.start_import(by=acting_user(request), run=run, request=request)
    return redirect("interop:legacy_result", run_id=run.pk)


@requires(Capability.IMPORT_LEGACY_DATA)
def import_result(request: HttpRequest, run_id: int) -> HttpResponse:
    """The status page: a progress bar while the import runs (HTMX polls it each second; without
    JavaScript, "Check progress" reloads it), then what became of the file."""
    run = access.get_run_for(acting_user(request), run_id)
    progress = progress_of(run)
    return render(
        request,
        "interop/legacy/result.jinja",
        {
            "run": run,
            "kind": ImportKind(run.kind).label.lower(),
            "progress": progress,
            "announcement": f"{progress.label}: {progress.percent // 10 * 10}% done" if not progress.finished else progress.label,
            "problems": run.problems[:PROBLEMS_SHOWN],
        },
    )


@requires(Capability.IMPORT_LEGACY_DATA)
def import_errors(request: HttpRequest, run_id: int) -> HttpResponse:
    """Every problem as a CSV: from the run's record after an import, or freshly checked before."""
    run = access.get_run_with_file_for(acting_user(request), run_id)
    problems = (
        run.problems
        if run.status == ImportRun.Status.FAILED
        else [p.as_dict() for row in services.rows_for_preview(by=acting_user(request), run=run) for p in row.problems]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Row", "Column", "Problem"])
    for problem in problems:
        writer.writerow([neutralise(problem["row"]), neutralise(problem["column"]), neutralise(problem["message"])])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    return response
