"""What every report page reads from its query string: the period, the project, who is looking."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils import timezone

from accounts.roles import Capability, can
from community.models import Project
from core.periods import CALENDAR_KINDS, KINDS, Period, PeriodError, period_from


@dataclass
class Selection:
    period: Period | None
    error: str
    project: Project | None
    projects: list[Project]
    params: dict[str, str]
    kinds: dict[str, str]

    @property
    def query(self) -> str:
        if self.period is None:
            return ""
        params = self.period.query()
        if self.project is not None:
            params["project"] = str(self.project.pk)
        return urlencode(params)


def selection(request: HttpRequest) -> Selection:
    params = {key: request.GET.get(key, "") for key in ("kind", "start", "end", "project")}
    error = ""
    restricted = is_suppressed_for(request)
    period: Period | None
    try:
        period = period_from(params, today=timezone.localdate(), restricted=restricted)
    except PeriodError as problem:
        period, error = None, str(problem)
    projects = list(Project.objects.order_by("name"))
    project = next((p for p in projects if str(p.pk) == params["project"]), None)
    kinds = {kind: label for kind, label in KINDS.items() if not restricted or kind in CALENDAR_KINDS}
    return Selection(period, error, project, projects, params, kinds)


def is_suppressed_for(request: HttpRequest) -> bool:
    """Whoever lacks the capability to see unsuppressed figures sees them through core.disclosure."""
    return not can(request.user, Capability.SEE_UNSUPPRESSED_FIGURES)
