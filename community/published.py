"""The service's published attendance counts (the same suppressed figures as the commissioner's
reports), for a project's figures page. Reports computes them and registers its reader here from
its AppConfig.ready(); community asks without importing reports (reports builds on community)."""

from __future__ import annotations

from collections.abc import Callable

from community.models import Project
from core.periods import Period

# (project, calendar period, measure: "named", "headcount" or "total") -> the published value
PublishedAttendance = Callable[[Project, Period, str], int | None]

_READERS: list[PublishedAttendance] = []


def register_published_attendance(reader: PublishedAttendance) -> None:
    if reader not in _READERS:
        _READERS.append(reader)


def published_attendance(project: Project, period: Period, measure: str) -> int | None:
    """The published value; None when it is hidden, or when no reader is registered."""
    return _READERS[0](project, period, measure) if _READERS else None
