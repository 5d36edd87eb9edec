"""Rebuild the stored report figures from scratch, from raw rows (seed_demo runs it at the end)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reports import cohorts, store


class Command(BaseCommand):
    help = "Empty the figures store and compute it again from raw rows (reports/store.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            choices=["reports", cohorts.PART],
            help="Rebuild only the report pages' shared sets, or only the cohort outcomes page's own sets",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        only = options.get("only")
        count = store.rebuild(part=None if only is None else "" if only == "reports" else only)
        self.stdout.write(f"Figures stored for {count} periods and scopes")
