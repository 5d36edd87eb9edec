"""Load a large file from the old system (any kind) outside a web request, with a saved mapping.
Runs in this process, not the worker, and prints what it did."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from accounts.roles import Role
from interop.legacy import services
from interop.legacy.models import ImportKind, ImportMapping, ImportRun
from interop.legacy.reading import UnreadableFile


class Command(BaseCommand):
    help = "Import people, referrals, contacts or attendance from an old system's CSV or XLSX file, all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=ImportKind.values, help="What the file holds")
        self.add_file_arguments(parser)

    def add_file_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--mapping", required=True, help="The name of a mapping saved on the import page for this kind of file")
        parser.add_argument("--source", default="", help="The old system's name (default: the file name)")
        parser.add_argument("--as-user", default="", help="The username of the manager recorded as importing (default: the first manager)")
        parser.add_argument(
            "--rows-that-are-right",
            action="store_true",
            help="Import the rows without problems and leave out the rest (default: every row, or none)",
        )
        parser.add_argument(
            "--rows-left-out",
            type=Path,
            default=None,
            help="Write the rows left out (or that stopped the import), with their problems, to this CSV file",
        )
        parser.add_argument(
            "--delimiter", default="", choices=["", ",", ";", "tab", "|"], help="A CSV file's separator (default: found from the file)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = run_file(
            kind=options["kind"],
            path=options["file"],
            mapping_name=options["mapping"],
            source=options["source"],
            as_user=options["as_user"],
            partial=options.get("rows_that_are_right", False),
            delimiter="\t" if options.get("delimiter") == "tab" else options.get("delimiter") or "",
        )
        if options.get("rows_left_out") and run.problems:
            options["rows_left_out"].write_text(services.refused_rows_csv(run), encoding="utf-8")
            self.stderr.write(f"The rows left out, with their problems, are in {options['rows_left_out']}.")
        if run.status != ImportRun.Status.DONE:
            for listed in run.problems[:50]:
                self.stderr.write(f"Row {listed['row']}, {listed['column']}: {listed['message']}")
            raise CommandError(f"Nothing imported: {len(run.problems)} problems.")
        self.stdout.write(
            f"Imported {run.created_count} {ImportKind(run.kind).label.lower()}; {run.already_there_count} were already in STaR."
        )
        if run.problems:
            self.stdout.write(f"Left out {len({p['row'] for p in run.problems})} rows with {len(run.problems)} problems.")


def run_file(
    *, kind: str, path: Path, mapping_name: str, source: str = "", as_user: str = "", partial: bool = False, delimiter: str = ""
) -> ImportRun:
    """Upload, map and import a file as the page would, for the commands and the benchmark."""
    mapping = ImportMapping.objects.filter(kind=kind, name=mapping_name).first()
    if mapping is None:
        raise CommandError(f"No saved mapping called {mapping_name!r} for {kind}.")
    users = User.objects.filter(role=Role.MANAGER, is_active=True)
    if as_user:
        users = users.filter(username=as_user)
    by = users.order_by("pk").first()
    if by is None:
        raise CommandError("No active service manager to record as importing.")
    try:
        content = path.read_bytes()
    except OSError as problem:
        raise CommandError(f"Cannot read {path}: {problem}") from problem
    try:
        run = services.upload_file(
            by=by, file_name=path.name, content=content, source_system=source or path.stem, kind=kind, delimiter=delimiter
        )
    except UnreadableFile as problem:
        raise CommandError(str(problem)) from problem
    services.set_columns(by=by, run=run, columns=mapping.columns, date_format=mapping.date_format)
    if partial:
        run.partial = True
        run.save(update_fields=["partial"])
    started = time.monotonic()
    run = services.import_file(by=by, run=run)
    run.seconds = time.monotonic() - started  # type: ignore[attr-defined]
    return run
