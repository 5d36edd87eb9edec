"""Recompute the stored report figures that writes have made stale (the every-minute job)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reports import cohorts, store


class Command(BaseCommand):
    help = "Recompute the stored report figures that writes have made stale (reports/store.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="At most this many sets of figures, the most recent first.")

    def handle(self, *args: Any, **options: Any) -> None:
        rolled = cohorts.roll_forward()  # the cohort page's last 12 months, a day on
        done = store.refresh_stale(limit=options["limit"])
        self.stdout.write(f"Figures brought up to date: {done}; the last 12 months moved on for {rolled} scopes")
