"""`manage.py rebuild_search_index [--kind contact ...]`: the note search's index from scratch."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casesearch.index import rebuild
from casesearch.sources import sources


class Command(BaseCommand):
    help = "Rebuild the index the note search uses, from every registered source (or the kinds named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", action="append", choices=sorted(source.kind for source in sources()), help="only this kind (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        counts = rebuild(options["kind"])
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count:,} entries")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values()):,} entries in {time.monotonic() - started:.1f} s"))
