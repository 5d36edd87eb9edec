"""`manage.py fetch_resource_feeds [--feed ID]`: read every active partner feed into the hub
(scheduled daily in settings.STAR_SCHEDULE). Safe to repeat: records are upserted by their ids."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.feeds import refresh_feed
from hub.models import Feed


class Command(BaseCommand):
    help = "Read partners' Open Referral UK feeds into the resource hub"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--feed", type=int, action="append", help="only this feed (its number); may be repeated")

    def handle(self, *args: Any, **options: Any) -> None:
        feeds = Feed.objects.filter(is_active=True)
        if options["feed"]:
            feeds = feeds.filter(pk__in=options["feed"])
        for feed in feeds:
            report = refresh_feed(feed)
            outcome = "read" if report.complete else "NOT read (nothing marked inactive)"
            self.stdout.write(
                f"{feed.name}: {outcome}; {report.pages} pages, {report.records} records, {report.saved} saved, "
                f"{report.marked_inactive} no longer listed"
            )
            for problem in report.problems:
                self.stdout.write(f"  problem: {problem}")
