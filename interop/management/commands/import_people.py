"""Load a large file of the old system's people outside a web request, with a saved mapping.
(`import_legacy --kind people` does the same; this name is kept for scripts that use it.)"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from interop.legacy.models import ImportKind
from interop.management.commands import import_legacy


class Command(import_legacy.Command):
    help = "Import people from an old system's CSV or XLSX file, all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_file_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        super().handle(*args, **{**options, "kind": ImportKind.PEOPLE})
