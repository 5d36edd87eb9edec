from typing import Any

from django.core.management.base import BaseCommand

from volunteers.expiry import record_expired_checks


class Command(BaseCommand):
    help = "Record each volunteer DBS check or required training that has run out (once each; safe to run again). For cron."

    def handle(self, *args: Any, **options: Any) -> None:
        recorded = record_expired_checks()
        self.stdout.write(f"Recorded {recorded} check(s) that ran out")
