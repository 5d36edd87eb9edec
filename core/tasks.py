"""Celery tasks that belong to no one part of the service."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.management import call_command


@shared_task(name="core.tasks.run_scheduled_job")  # type: ignore[untyped-decorator]  # celery ships no types
def run_scheduled_job(name: str) -> None:
    """Run one job of STAR_SCHEDULE by name (Celery beat sends these)."""
    job = next(job for job in settings.STAR_SCHEDULE_JOBS if job.name == name)
    call_command(job.command, *job.args)
