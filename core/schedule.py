"""The service's scheduled jobs, in one list (`settings.STAR_SCHEDULE`), read two ways: Celery beat
where a broker is configured (`beat_schedule`), and `manage.py run_scheduled` from cron otherwise
(`crontab_lines` prints the lines to install). A job is a management command, so the same work can
always be run by hand."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from celery.schedules import crontab

DAILY = re.compile(r"^daily (?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)$")
HOURLY = re.compile(r"^hourly :(?P<minute>[0-5]\d)$")
EVERY_MINUTE = "every minute"


class ScheduleError(ValueError):
    """A job in STAR_SCHEDULE that cannot be understood: the settings say which and why."""


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    when: str  # "daily HH:MM", "hourly :MM" or "every minute", in the service's time zone
    purpose: str
    args: tuple[str, ...] = ()

    @property
    def hour(self) -> str:
        found = DAILY.match(self.when)
        return str(int(found["hour"])) if found else "*"

    @property
    def minute(self) -> str:
        if self.when == EVERY_MINUTE:
            return "*"
        found = DAILY.match(self.when) or HOURLY.match(self.when)
        assert found is not None  # checked in jobs_from
        return str(int(found["minute"]))


def jobs_from(entries: Iterable[Mapping[str, Any]]) -> list[Job]:
    """Check and read the schedule; a mistake fails loudly when settings load, not at 2 a.m."""
    jobs: list[Job] = []
    for entry in entries:
        job = Job(
            name=str(entry["name"]),
            command=str(entry.get("command", entry["name"])),
            when=str(entry["when"]),
            purpose=str(entry.get("purpose", "")),
            args=tuple(str(arg) for arg in entry.get("args", ())),
        )
        if not (DAILY.match(job.when) or HOURLY.match(job.when) or job.when == EVERY_MINUTE):
            raise ScheduleError(
                f"Scheduled job {job.name!r}: 'when' must be 'daily HH:MM', 'hourly :MM' or 'every minute', not {job.when!r}."
            )
        if any(other.name == job.name for other in jobs):
            raise ScheduleError(f"Scheduled job {job.name!r} is listed twice.")
        jobs.append(job)
    return jobs


def beat_schedule(jobs: Iterable[Job]) -> dict[str, dict[str, Any]]:
    """Celery beat's entries: each runs `core.tasks.run_scheduled_job` with the job's name."""
    return {
        job.name: {
            "task": "core.tasks.run_scheduled_job",
            "schedule": crontab(minute=job.minute, hour=job.hour),
            "args": (job.name,),
        }
        for job in jobs
    }


def crontab_lines(jobs: Iterable[Job], *, directory: str, python: str, settings_module: str) -> list[str]:
    """Lines for a crontab with the same schedule (cron runs in the machine's time zone: set
    CRON_TZ or the machine's zone to the service's)."""
    return [
        f"{job.minute} {job.hour} * * * cd {directory} && DJANGO_SETTINGS_MODULE={settings_module} {python} manage.py run_scheduled {job.name}"
        for job in jobs
    ]
