"""The scheduled jobs: one list, read by Celery beat and by `manage.py run_scheduled` for cron,
and a warning on the manager's home before drop-ins run out of sessions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.horizon import activities_running_short
from community.models import Session
from community.tests.factories import ScheduleFactory
from conftest import World, sign_in
from core.schedule import ScheduleError, beat_schedule, crontab_lines, jobs_from
from core.tasks import run_scheduled_job


def test_every_scheduled_job_is_a_command_that_exists() -> None:
    commands = get_commands()
    names = [job.name for job in settings.STAR_SCHEDULE_JOBS]
    assert {"generate_sessions", "send_reminders", "record_expired_checks", "retention_review", "backup"} <= set(names)
    assert all(job.command in commands for job in settings.STAR_SCHEDULE_JOBS)


def test_beat_and_cron_read_the_same_list() -> None:
    beat = settings.CELERY_BEAT_SCHEDULE
    assert list(beat) == [job.name for job in settings.STAR_SCHEDULE_JOBS]
    assert beat["generate_sessions"]["task"] == "core.tasks.run_scheduled_job"
    assert beat["generate_sessions"]["args"] == ("generate_sessions",)
    out = StringIO()
    call_command("run_scheduled", "--crontab", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "CRON_TZ=Europe/London"
    assert any(line.startswith("15 2 * * * ") and line.endswith("manage.py run_scheduled generate_sessions") for line in lines)
    assert len(lines) == 1 + len(settings.STAR_SCHEDULE_JOBS)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"name": "backup", "when": "nightly"}], "must be 'daily HH:MM'"),
        ([{"name": "backup", "when": "daily 25:00"}], "must be 'daily HH:MM'"),
        ([{"name": "backup", "when": "daily 02:00"}, {"name": "backup", "when": "hourly :05"}], "listed twice"),
    ],
)
def test_a_mistake_in_the_schedule_fails_when_settings_load(entries: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        jobs_from(entries)


def test_hourly_jobs_run_every_hour_at_their_minute() -> None:
    (job,) = jobs_from([{"name": "x", "when": "hourly :05"}])
    entry = beat_schedule([job])["x"]["schedule"]
    assert entry.minute == {5} and len(entry.hour) == 24


def test_every_minute_jobs_run_every_minute_in_beat_and_cron() -> None:
    (job,) = jobs_from([{"name": "refresh_figures", "when": "every minute"}])
    entry = beat_schedule([job])["refresh_figures"]["schedule"]
    assert len(entry.minute) == 60 and len(entry.hour) == 24
    (line,) = crontab_lines([job], directory="/srv/star", python="python", settings_module="star.settings.production")
    assert line.startswith("* * * * * cd /srv/star") and line.endswith("run_scheduled refresh_figures")


@pytest.mark.django_db
def test_run_scheduled_lists_runs_and_refuses_an_unknown_job() -> None:
    out = StringIO()
    call_command("run_scheduled", stdout=out)
    assert "generate_sessions" in out.getvalue() and "daily 02:15" in out.getvalue()
    with pytest.raises(CommandError, match="No scheduled job called nightly_magic"):
        call_command("run_scheduled", "nightly_magic")
    schedule = ScheduleFactory.create(valid_from=timezone.localdate())
    call_command("run_scheduled", "generate_sessions", stdout=StringIO())
    assert Session.objects.filter(activity=schedule.activity).count() >= 8


@pytest.mark.django_db
def test_the_beat_task_runs_the_named_job() -> None:
    schedule = ScheduleFactory.create(valid_from=timezone.localdate())
    run_scheduled_job.delay("generate_sessions")  # eager without a broker
    assert Session.objects.filter(activity=schedule.activity).exists()


@pytest.mark.django_db
def test_the_manager_is_warned_before_sessions_run_out(client: Client, world: World) -> None:
    schedule = ScheduleFactory.create(valid_from=timezone.localdate())
    assert list(activities_running_short()) == [schedule.activity]
    sign_in(client, world.manager)
    page = client.get(reverse("home")).content.decode()
    assert "Sessions are running out" in page and "1 drop-in or group has no sessions from two weeks ahead" in page
    call_command("generate_sessions", stdout=StringIO())
    assert not activities_running_short().exists()
    assert "Sessions are running out" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_an_activity_that_ends_soon_or_has_no_schedule_is_not_running_short() -> None:
    ending = ScheduleFactory.create(valid_from=timezone.localdate())
    ending.activity.ends_on = timezone.localdate()
    ending.activity.save()
    from community.tests.factories import ActivityFactory

    ActivityFactory.create()  # no schedule: sessions are added by hand
    assert not activities_running_short().exists()
