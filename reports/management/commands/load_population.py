"""Load the local adult population by equality group from a CSV: question,group,people,source."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reports.figures.equality import QUESTIONS
from reports.models import PopulationFigure

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "population_example.csv"


def load_population(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    figures = []
    for number, row in enumerate(rows, start=2):
        question = (row.get("question") or "").strip()
        if question not in QUESTIONS:
            raise CommandError(f"Line {number}: the question must be one of {', '.join(QUESTIONS)}")
        try:
            people = int(row.get("people") or "")
        except ValueError:
            raise CommandError(f"Line {number}: enter the number of people as a whole number") from None
        if people < 0:
            raise CommandError(f"Line {number}: the number of people cannot be negative")
        figures.append(
            PopulationFigure(question=question, group=row["group"].strip(), people=people, source=(row.get("source") or "").strip())
        )
    with transaction.atomic():
        PopulationFigure.objects.filter(question__in={f.question for f in figures}).delete()
        PopulationFigure.objects.bulk_create(figures)
    return len(figures)


class Command(BaseCommand):
    help = "Load census figures for the local adult population (replaces the questions in the file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(EXAMPLE))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"No file at {path}")
        count = load_population(path)
        self.stdout.write(f"Loaded {count} population figures from {path}")
