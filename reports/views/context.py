"""What every report page reads from its query string: the period, the project, the team, who is looking."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
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
    # More projects than a list can offer (a national service has 3,600): a box for part of the
    # name instead, and the projects it matches when it matches several (or the reason, none).
    many_projects: bool = False
    project_matches: list[Project] = field(default_factory=list)
    project_error: str = ""

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
    params = {key: request.GET.get(key, "") for key in ("kind", "start", "end", "project", "project_name", "team")}
    error = ""
    restricted = is_suppressed_for(request)
    period: Period | None
    try:
        period = period_from(params, today=timezone.localdate(), restricted=restricted)
    except PeriodError as problem:
        period, error = None, str(problem)
    choice = _project_choice(projects_with_figures_for(request.user), params)
    kinds = {kind: label for kind, label in KINDS.items() if not restricted or kind in CALENDAR_KINDS}
    teams, team, scope = scope_for(request.user, params["team"], restricted=restricted)
    return Selection(period, error, choice.project, choice.listed, params, kinds, teams, team, scope, *choice.more)


PROJECT_CHOICES = 200  # projects a list offers; with more, the viewer types part of the name
PROJECT_MATCHES = 10  # projects shown when the typed name matches several


@dataclass
class _ProjectChoice:
    project: Project | None
    listed: list[Project]
    more: tuple[bool, list[Project], str] = (False, [], "")  # many_projects, project_matches, project_error


def _project_choice(allowed: QuerySet[Project], params: dict[str, str]) -> _ProjectChoice:
    """The project asked for (by id, or by name where there are too many to list), and the
    projects to offer: the list costs the same with 3,600 projects as with 20."""
    listed = list(allowed.order_by("name").only("pk", "name")[: PROJECT_CHOICES + 1])
    many = len(listed) > PROJECT_CHOICES
    if many:
        listed = []
    if params["project"]:
        try:
            return _ProjectChoice(allowed.filter(pk=uuid.UUID(params["project"])).first(), listed, (many, [], ""))
        except ValueError:
            return _ProjectChoice(None, listed, (many, [], ""))
    typed = params["project_name"].strip()
    if not many or not typed:
        return _ProjectChoice(None, listed, (many, [], ""))
    found = list(allowed.filter(name__icontains=typed).order_by("name", "pk").only("pk", "name")[: PROJECT_MATCHES + 1])
    exact = [project for project in found if project.name.casefold() == typed.casefold()]
    if len(found) == 1 or len(exact) == 1:
        one = exact[0] if len(exact) == 1 else found[0]
        return _ProjectChoice(allowed.filter(pk=one.pk).first(), listed, (many, [], ""))
    if not found:
        return _ProjectChoice(None, listed, (many, [], f"No project you can see has ‘{typed}’ in its name"))
    shown = found[:PROJECT_MATCHES]
    told = f"More than {PROJECT_MATCHES} projects" if len(found) > PROJECT_MATCHES else f"{len(found)} projects"
    return _ProjectChoice(None, listed, (many, shown, f"{told} have ‘{typed}’ in their name: choose one below, or type more of it"))


def is_suppressed_for(request: HttpRequest) -> bool:
    """Whoever lacks the capability to see unsuppressed figures sees them through core.disclosure."""
    return not can(request.user, Capability.SEE_UNSUPPRESSED_FIGURES)
