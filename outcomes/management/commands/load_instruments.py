"""`manage.py load_instruments`: load or update the instruments shipped in outcomes/instruments/."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from outcomes.loading import InstrumentFileError, load_shipped_instruments


class Command(BaseCommand):
    help = "Load or update the outcome instruments shipped with STaR (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaded = load_shipped_instruments()
        except InstrumentFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(loaded)} instruments: {', '.join(i.code for i in loaded)}"))
