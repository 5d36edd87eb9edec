"""`manage.py scan_documents [--limit N]`: check every document held in quarantine (uploaded with
no scanner configured, or when the scanner could not be reached) with ClamAV. Clean files can be
opened from then on; a file with a virus is deleted and its record flagged. Scheduled hourly
(`STAR_SCHEDULE`); safe to run again. Without a scanner configured it checks nothing and says so."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.clamd import configured_scanner
from documents.services import scan_held_documents


class Command(BaseCommand):
    help = "Check documents held in quarantine for viruses with ClamAV (clamd)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="Check at most this many documents (oldest first).")

    def handle(self, *args: Any, **options: Any) -> None:
        scanner = configured_scanner()
        run = scan_held_documents(scanner=scanner, limit=options["limit"])
        if scanner is None:
            raise CommandError(
                f"No virus scanner is configured (STAR_CLAMD_SOCKET, or STAR_CLAMD_HOST and STAR_CLAMD_PORT): "
                f"{run.still_held} documents stay held and cannot be opened."
            )
        self.stdout.write(
            f"{run.clean} clean; {run.infected} with a virus (files deleted); {run.still_held} could not be checked and stay held."
        )
