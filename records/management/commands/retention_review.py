"""`manage.py retention_review [--date YYYY-MM-DD]`: the nightly retention job. Finds everyone
whose retention period has ended (one aggregate query) and refreshes the administrator's review
list. It never destroys anything: destruction needs an administrator's decision on the page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from records.retention import run_retention_review


class Command(BaseCommand):
    help = "Find records due for destruction under the retention schedule and list them for an administrator's review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Review as if today were this date (YYYY-MM-DD). Default: today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date must be a date like 2026-11-27") from error
        run = run_retention_review(today=today)
        self.stdout.write(
            f"{run.found} due for review; {run.added} newly listed; {run.back_for_review} kept records back for review; "
            f"{run.back_in_use} no longer due (back in use)."
        )
