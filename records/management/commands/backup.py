"""`manage.py backup [--output FILE]`: a consistent copy of the database, with a manifest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from records.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and write a manifest to check restores against."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Backup file to write (default: backups/star-<time>.<ext>).")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        output: Path | None = options["output"]
        if output is None:
            suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
            output = Path(settings.BASE_DIR) / "backups" / f"star-{datetime.now(tz=UTC):%Y%m%dT%H%M%SZ}.{suffix}"
        try:
            result = backup(connection, output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up {result.tables} tables ({result.rows} rows) to {result.path}"))
        self.stdout.write(f"Manifest: {result.manifest}")
