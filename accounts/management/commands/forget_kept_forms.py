"""`manage.py forget_kept_forms`: delete forms kept at a session end or token failure that are more
than a day old (accounts.kept_forms). Run nightly; keeping a form also clears old ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accounts.kept_forms import forget_old


class Command(BaseCommand):
    help = "Delete kept forms (typed before a session ended) that are more than a day old."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Deleted {forget_old()} kept forms more than a day old.")
