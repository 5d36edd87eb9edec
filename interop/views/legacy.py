"""A manager brings in the old system's data (people, referrals, contacts, attendance): upload,
map columns, preview, import (in the background), and the status page with its progress bar."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib import messages
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
from interop.legacy.matching import guess_columns, samples
from interop.legacy.models import ImportKind, ImportRun
from interop.legacy.progress import progress_of
from interop.legacy.reading import UnreadableFile
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from submissions.services import ALREADY_SAVED, key_for_form, once

PROBLEMS_SHOWN = 200


@requires(Capability.IMPORT_LEGACY_DATA)
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = once(
                request,
                model=ImportRun,
                create=lambda: services.upload_file(
                    by=acting_user(request),
                    file_name=upload.name,
                    content=upload.read(),
                    source_system=form.cleaned_data["source_system"],
                    kind=form.cleaned_data["kind"],
                    delimiter=form.cleaned_data.get("delimiter") or "",
                    in_request=True,
                ),
            )
        except UnreadableFile as problem:
            form.add_error("file", str(problem))
        else:
            if not saved.created:
                messages.info(request, ALREADY_SAVED)
            return redirect("interop:legacy_map", run_id=saved.obj.pk)
    return render(
        request,
        "interop/legacy/start.jinja",
        {
            "form": form,
            "runs": access.recent_runs(acting_user(request)),
            "limit": size_in_words(settings.STAR_IMPORT_MAX_BYTES),
            "submission_key": key_for_form(request),
        },
    )


@requires(Capability.IMPORT_LEGACY_DATA)
def import_map(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_with_file_for(acting_user(request), run_id)
    try:
        table = services.table_for(run)
    except UnreadableFile as problem:
        return _unreadable(request, run, problem)
    names = access.mapping_names(run.kind)
    chosen = request.GET.get("mapping", "")
    use_form = UseMappingForm(request.GET if chosen else None, names=names)
    if chosen and use_form.is_valid():
        initial = access.saved_columns(run.kind, chosen)
    else:
        initial = (dict(run.columns) | {"date_format": run.date_format}) if run.columns else guess_columns(run.kind, table.headings)
    column_samples = samples(table)
    form = MappingForm(posted(request), kind=run.kind, headings=table.headings, initial=initial, samples=column_samples)
    # The version the form was opened with is what is saved on the run (not the guess or the saved
    # mapping shown): a second manager matching the same file is caught, not overwritten.
    edit = edit_check(request, form, saved=services.saved_columns(run))
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: services.saved_columns(services.lock_run_for_edit(run)), discard_url=request.path
            ):
                services.set_columns(
                    by=acting_user(request),
                    run=run,
                    columns=form.columns(),
                    save_as=form.cleaned_data["save_as"].strip(),
                    date_format=form.cleaned_data["date_format"] or "",
                )
        except EditConflict as conflict:
            form = MappingForm(kind=run.kind, headings=table.headings, initial=conflict.merged, samples=column_samples)
            edit = conflict.check
        else:
            return redirect("interop:legacy_preview", run_id=run.pk)
    return render(
        request,
        "interop/legacy/map.jinja",
        {
            "run": run,
            "kind": ImportKind(run.kind).label,
            "form": form,
            "use_form": use_form,
            "names": names,
            "headings": table.headings,
            "samples": column_samples,
            "guessed": not run.columns and not chosen,
            "hint": table.hint,
            "edit_check": edit,
        },
    )


def _unreadable(request: HttpRequest, run: ImportRun, problem: UnreadableFile) -> HttpResponse:
    messages.error(request, str(problem))
    return redirect("interop:legacy_result", run_id=run.pk)


@requires(Capability.IMPORT_LEGACY_DATA)
def import_preview(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_with_file_for(acting_user(request), run_id)
    if not run.columns:
        return redirect("interop:legacy_map", run_id=run.pk)
    try:
        preview = services.preview_of(by=acting_user(request), run=run, fresh=request.GET.get("again") == "1")
    except UnreadableFile as problem:
        return _unreadable(request, run, problem)
    return render(
        request,
        "interop/legacy/preview.jinja",
        {
            "run": run,
            "kind": ImportKind(run.kind).label.lower(),
            "headings": preview.headings,
            "preview": preview.first_rows,
            "problems": preview.problems[:PROBLEMS_SHOWN],
            "problem_count": len(preview.problems),
            "row_count": preview.row_count,
            "ready_count": preview.row_count - len({problem["row"] for problem in preview.problems}),
        },
    )


@require_POST
@requires(Capability.IMPORT_LEGACY_DATA)
def import_go(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_with_file_for(acting_user(request), run_id)
    # A failed import is recorded on the run (nothing saved) and the status page says so; a
    # refused one is said there too, never silently.
    try:
        services.start_import(by=acting_user(request), run=run, partial=request.POST.get("mode") == "partial")
    except services.ImportRefused as refused:
        messages.error(request, str(refused))
    except DatabaseError:
        messages.error(request, "The import stopped because the database could not be reached. Nothing was saved: try again later.")
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
            "left_out": len({problem["row"] for problem in run.problems if problem.get("row")}),
            "stale_minutes": settings.STAR_IMPORT_STALE_MINUTES,
        },
    )


@requires(Capability.IMPORT_LEGACY_DATA)
def import_errors(request: HttpRequest, run_id: int) -> HttpResponse:
    """Every problem as a CSV: from the run's record after an import, or freshly checked before."""
    run = access.get_run_with_file_for(acting_user(request), run_id)
    if run.status in (ImportRun.Status.FAILED, ImportRun.Status.DONE) or run.purged_at:
        problems = run.problems
    else:
        try:
            problems = services.preview_of(by=acting_user(request), run=run).problems
        except UnreadableFile as unreadable:
            return _unreadable(request, run, unreadable)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Row", "Column", "Problem"])
    for problem in problems:
        writer.writerow([neutralise(problem["row"]), neutralise(problem["column"]), neutralise(problem["message"])])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    return response


@requires(Capability.IMPORT_LEGACY_DATA)
def import_refused_rows(request: HttpRequest, run_id: int) -> HttpResponse:
    """The rows that were left out (or stopped the import), as the file had them, with their problems."""
    run = access.get_run_with_file_for(acting_user(request), run_id)
    try:
        text = services.refused_rows_csv(run)
    except UnreadableFile as problem:
        return _unreadable(request, run, problem)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-rows-not-imported.csv"'
    return response
