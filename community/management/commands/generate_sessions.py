"""Top up every active activity's sessions for the rolling window. Run daily (cron or a timer);
safe to run as often as you like, because it never makes a duplicate."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from community import services
from community.models import Activity


class Command(BaseCommand):
    help = "Make sessions from schedules for the coming weeks (no duplicates)"

    def handle(self, *args: Any, **options: Any) -> None:
        made = 0
        activities = Activity.objects.of_open_projects().filter(is_active=True).prefetch_related("schedules")
        for activity in activities.iterator(chunk_size=200):
            made += services.generate_sessions(activity=activity)
        self.stdout.write(f"{made} new sessions")
