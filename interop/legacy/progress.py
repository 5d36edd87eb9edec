"""How far an import has got, kept in the cache: the import's own transaction cannot be seen by
other connections until it commits, so the status page reads this instead of the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from interop.legacy.models import ImportRun

KEEP_SECONDS = 24 * 60 * 60
PHASES = {
    "waiting": "Waiting to start",
    "checking": "Checking the rows",
    "importing": "Saving the rows",
    "done": "Finished",
    "failed": "Stopped: nothing saved",
    "interrupted": "Interrupted: nothing saved",
}


@dataclass(frozen=True)
class Progress:
    phase: str
    done: int
    total: int

    @property
    def label(self) -> str:
        return PHASES.get(self.phase, self.phase)

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)

    @property
    def finished(self) -> bool:
        return self.phase in ("done", "failed", "interrupted")


def _key(run_id: int) -> str:
    return f"interop:legacy-import:{run_id}"


def report(run_id: int, *, phase: str, done: int, total: int) -> None:
    cache.set(_key(run_id), {"phase": phase, "done": done, "total": total, "at": timezone.now().timestamp()}, KEEP_SECONDS)


def last_heard(run: ImportRun) -> datetime | None:
    """When the import last reported (the heartbeat), or when it was started if nothing since."""
    found = cache.get(_key(run.pk))
    if found and found.get("at"):
        return datetime.fromtimestamp(float(found["at"]), tz=timezone.get_current_timezone())
    return run.started_at


def interrupted(run: ImportRun) -> bool:
    """Marked as importing, but nothing has been heard from it for `STAR_IMPORT_STALE_MINUTES`: the
    process was stopped or the database went away part way. Its transaction never committed, so
    nothing of it was saved and it can safely be started again."""
    if run.status != ImportRun.Status.IMPORTING:
        return False
    heard = last_heard(run)
    return heard is None or timezone.now() - heard > timedelta(minutes=settings.STAR_IMPORT_STALE_MINUTES)


def progress_of(run: ImportRun) -> Progress:
    """The committed outcome once there is one; until then what the import last reported."""
    if run.status == ImportRun.Status.DONE:
        return Progress("done", run.rows_done, run.total_rows)
    if run.status == ImportRun.Status.FAILED:
        return Progress("failed", 0, run.total_rows)
    if interrupted(run):
        return Progress("interrupted", 0, run.total_rows)
    found = cache.get(_key(run.pk))
    if run.status == ImportRun.Status.IMPORTING and found:
        return Progress(str(found["phase"]), int(found["done"]), int(found["total"]))
    return Progress("waiting", 0, run.total_rows)
