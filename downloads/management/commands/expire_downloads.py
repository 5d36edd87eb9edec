from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from downloads.services import expire


class Command(BaseCommand):
    help = "Delete files prepared in the background once their keeping time has passed"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Removed {expire()} prepared file(s)")
