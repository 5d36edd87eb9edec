from typing import Any

from django.core.management.base import BaseCommand

from volunteers.rota import send_shift_reminders


class Command(BaseCommand):
    help = "Email volunteers about tomorrow's rota slots (once per slot; safe to run again). For cron."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_shift_reminders()
        self.stdout.write(f"Sent {sent} reminder(s)")
