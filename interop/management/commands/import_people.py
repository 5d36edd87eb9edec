"""Load a large file of the old system's people outside a web request, with a saved mapping.
(`import_legacy --kind people` does the same; this name is kept for scripts that use it.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interop.legacy.models import ImportKind, ImportRun
from interop.management.commands.import_legacy import run_file


class Command(BaseCommand):
    help = "Import people from an old system's CSV or XLSX file, all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--mapping", required=True, help="The name of a mapping saved on the import page")
        parser.add_argument("--source", default="", help="The old system's name (default: the file name)")
        parser.add_argument("--as-user", default="", help="The username of the manager recorded as importing (default: the first manager)")

    def handle(self, *args: Any, **options: Any) -> None:
        run = run_file(
            kind=ImportKind.PEOPLE,
            path=options["file"],
            mapping_name=options["mapping"],
            source=options["source"],
            as_user=options["as_user"],
        )
        if run.status != ImportRun.Status.DONE:
            for listed in run.problems[:50]:
                self.stderr.write(f"Row {listed['row']}, {listed['column']}: {listed['message']}")
            raise CommandError(f"Nothing imported: {len(run.problems)} problems.")
        self.stdout.write(f"Imported {run.created_count} people; {run.already_there_count} were already in STaR.")
