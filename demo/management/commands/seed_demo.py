"""`manage.py seed_demo --size small --seed 1`: deterministic synthetic data, safe to run twice."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from demo.seeding import SIZES, SeedError, seed


class Command(BaseCommand):
    help = "Load synthetic demo data (never real people) and create one demo sign-in per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1, help="The same seed always gives the same data.")
        parser.add_argument("--scale", type=float, default=1.0, help="Shrink city/large (for trying it out), e.g. 0.1.")
        parser.add_argument("--logins", action="store_true", help="Print the demo sign-ins afterwards.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = seed(size=options["size"], seed=options["seed"], scale=options["scale"], stream=sys.stderr)
        except SeedError as error:
            raise CommandError(str(error)) from error
        if result.created:
            # Bulk inserts send no signals: the report figures are computed afresh from the new rows.
            call_command("rebuild_figures", stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Loaded the {options['size']} demo data set: {result.people} people."))
        else:
            self.stdout.write(f"Demo data already loaded ({result.people} people); nothing changed.")
        if options["logins"]:
            self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})")
            for account in DEMO_ACCOUNTS:
                where = f"  ({account.team})" if account.team else ""
                self.stdout.write(f"  {account.role.label:<16} {account.username:<13}{where}".rstrip())
