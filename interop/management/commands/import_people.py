"""Load a large file of the old system's people outside a web request, with a saved mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from accounts.roles import Role
from interop.legacy import services
from interop.legacy.models import ImportMapping, ImportRun
from interop.legacy.reading import UnreadableFile


class Command(BaseCommand):
    help = "Import people from an old system's CSV or XLSX file, all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--mapping", required=True, help="The name of a mapping saved on the import page")
        parser.add_argument("--source", default="", help="The old system's name (default: the file name)")
        parser.add_argument("--as-user", default="", help="The username of the manager recorded as importing (default: the first manager)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        mapping = ImportMapping.objects.filter(name=options["mapping"]).first()
        if mapping is None:
            raise CommandError(f"No saved mapping called {options['mapping']!r}.")
        users = User.objects.filter(role=Role.MANAGER, is_active=True)
        if options["as_user"]:
            users = users.filter(username=options["as_user"])
        by = users.order_by("pk").first()
        if by is None:
            raise CommandError("No active service manager to record as importing.")
        try:
            content = path.read_bytes()
        except OSError as problem:
            raise CommandError(f"Cannot read {path}: {problem}") from problem
        try:
            run = services.upload_file(by=by, file_name=path.name, content=content, source_system=options["source"] or path.stem)
        except UnreadableFile as problem:
            raise CommandError(str(problem)) from problem
        services.set_columns(by=by, run=run, columns=mapping.columns)
        run = services.import_people(by=by, run=run)
        if run.status != ImportRun.Status.DONE:
            for listed in run.problems[:50]:
                self.stderr.write(f"Row {listed['row']}, {listed['column']}: {listed['message']}")
            raise CommandError(f"Nothing imported: {len(run.problems)} problems.")
        self.stdout.write(f"Imported {run.created_count} people; {run.already_there_count} were already in STaR.")
