from typing import Any

from django.core.management.base import BaseCommand

from notifications.reminders import send_reminders


class Command(BaseCommand):
    help = "Send tomorrow's reminders: members' sessions, volunteers' shifts (each once, however often it runs)"

    def handle(self, *args: Any, **options: Any) -> None:
        for name, count in send_reminders().items():
            self.stdout.write(f"{name}: {count}")
