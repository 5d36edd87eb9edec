"""`manage.py restore FILE`: restore a backup into an empty database and prove it is identical."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from records.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database, then check every table against its manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["backup"]
        if not path.exists():
            raise CommandError(f"There is no backup file at {path}.")
        try:
            manifest = restore(connections[options["database"]], path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(f"Restored {len(manifest['tables'])} tables ({rows} rows); every table matches the backup."))
