"""`manage.py load_instrument_wording FILE`: load licensed item wording held under the organisation's own licence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.services import Action, record_event
from outcomes.loading import InstrumentFileError, load_wording


class Command(BaseCommand):
    help = "Load the wording of a licensed measure (such as SWEMWBS) from a JSON file your organisation holds a licence for."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            instrument = load_wording(path.read_bytes(), path.name)
        except InstrumentFileError as error:
            raise CommandError(f"Nothing was loaded.\n{error}") from error
        record_event(user=None, action=Action.UPDATE, obj=instrument, detail={"wording_loaded": instrument.code})
        self.stdout.write(self.style.SUCCESS(f"Loaded the wording of {instrument.name}"))
