"""What every report page reads from its query string: the period, the project, the team, who is looking."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils import timezone

from accounts.models import Team
from accounts.roles import Capability, can
from accounts.teams import Scope
from community.access import projects_with_figures_for
from community.models import Project
from core.periods import CALENDAR_KINDS, KINDS, Period, PeriodError, period_from
from reports.teams import scope_for


@dataclass
class Selection:
    period: Period | None
    error: str
    project: Project | None
    projects: list[Project]
    params: dict[str, str]
    kinds: dict[str, str]
    # Teams to choose between (docs/teams.md): the viewer's service's; none for a viewer who sees
    # figures only through core.disclosure (a team's figures beside the whole service's would let
    # someone subtract one from the other).
    teams: list[Team] = field(default_factory=list)
    team: Team | None = None
    scope: Scope | None = None

    @property
    def query(self) -> str:
        if self.period is None:
            return ""
        params = self.period.query()
        if self.project is not None:
            params["project"] = str(self.project.pk)
        if self.team is not None:
            params["team"] = str(self.team.pk)
        return urlencode(params)


def selection(request: HttpRequest) -> Selection:
    params = {key: request.GET.get(key, "") for key in ("kind", "start", "end", "project", "team")}
    error = ""
    restricted = is_suppressed_for(request)
    period: Period | None
    try:
        period = period_from(params, today=timezone.localdate(), restricted=restricted)
    except PeriodError as problem:
        period, error = None, str(problem)
    projects = list(projects_with_figures_for(request.user).order_by("name"))
    project = next((p for p in projects if str(p.pk) == params["project"]), None)
    kinds = {kind: label for kind, label in KINDS.items() if not restricted or kind in CALENDAR_KINDS}
    teams, team, scope = scope_for(request.user, params["team"], restricted=restricted)
    return Selection(period, error, project, projects, params, kinds, teams, team, scope)


def is_suppressed_for(request: HttpRequest) -> bool:
    """Whoever lacks the capability to see unsuppressed figures sees them through core.disclosure."""
    return not can(request.user, Capability.SEE_UNSUPPRESSED_FIGURES)
