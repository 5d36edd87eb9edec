"""Rebuild the stored report figures from scratch, from raw rows (seed_demo runs it at the end)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from reports import store


class Command(BaseCommand):
    help = "Empty the figures store and compute it again from raw rows (reports/store.py)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = store.rebuild()
        self.stdout.write(f"Figures stored for {count} periods and scopes")
