"""`manage.py run_scheduled`: the service's scheduled jobs (settings.STAR_SCHEDULE) for cron.

- `run_scheduled` lists the jobs and when they run;
- `run_scheduled NAME [NAME ...]` runs those jobs now (cron calls it this way);
- `run_scheduled --all` runs every job once (safe: each job is safe to repeat);
- `run_scheduled --crontab` prints the crontab lines for the same schedule.
Celery beat reads the same list where a broker is configured (`make beat`)."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.schedule import crontab_lines


class Command(BaseCommand):
    help = "List, run or print the crontab for the service's scheduled jobs (settings.STAR_SCHEDULE)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="*", help="the jobs to run now")
        parser.add_argument("--all", action="store_true", help="run every job once")
        parser.add_argument("--crontab", action="store_true", help="print crontab lines for the schedule")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = settings.STAR_SCHEDULE_JOBS
        if options["crontab"]:
            lines = crontab_lines(
                jobs,
                directory=str(settings.BASE_DIR),
                python=sys.executable,
                settings_module=settings.SETTINGS_MODULE,
            )
            self.stdout.write(f"CRON_TZ={settings.TIME_ZONE}\n" + "\n".join(lines))
            return
        by_name = {job.name: job for job in jobs}
        unknown = [name for name in options["names"] if name not in by_name]
        if unknown:
            raise CommandError(f"No scheduled job called {', '.join(unknown)}. The jobs are: {', '.join(by_name)}.")
        chosen = list(jobs) if options["all"] else [by_name[name] for name in options["names"]]
        if not chosen:
            for job in jobs:
                self.stdout.write(f"{job.name:<24} {job.when:<12} {job.purpose}")
            return
        for job in chosen:
            self.stdout.write(f"Running {job.name}")
            call_command(job.command, *job.args, stdout=self.stdout, stderr=self.stderr)
