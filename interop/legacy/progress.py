"""How far an import has got, kept in the cache: the import's own transaction cannot be seen by
other connections until it commits, so the status page reads this instead of the database."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from interop.legacy.models import ImportRun

KEEP_SECONDS = 24 * 60 * 60
PHASES = {
    "waiting": "Waiting to start",
    "checking": "Checking the rows",
    "importing": "Saving the rows",
    "done": "Finished",
    "failed": "Stopped: nothing saved",
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
        return self.phase in ("done", "failed")


def _key(run_id: int) -> str:
    return f"interop:legacy-import:{run_id}"


def report(run_id: int, *, phase: str, done: int, total: int) -> None:
    cache.set(_key(run_id), {"phase": phase, "done": done, "total": total}, KEEP_SECONDS)


def progress_of(run: ImportRun) -> Progress:
    """The committed outcome once there is one; until then what the import last reported."""
    if run.status == ImportRun.Status.DONE:
        return Progress("done", run.rows_done, run.total_rows)
    if run.status == ImportRun.Status.FAILED:
        return Progress("failed", 0, run.total_rows)
    found = cache.get(_key(run.pk))
    if run.status == ImportRun.Status.IMPORTING and found:
        return Progress(str(found["phase"]), int(found["done"]), int(found["total"]))
    return Progress("waiting", 0, run.total_rows)
