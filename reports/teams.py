"""Whose figures a report shows (docs/teams.md): a manager of one service, that service's; any
manager may narrow them to a team. Viewers who see figures only through core.disclosure
(commissioners) get no team choice: a team's figures beside the whole service's would let someone
work out the other teams' small numbers by subtraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.models import Team
from accounts.teams import service_id_of, teams_for
from reports.figures.service import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def scope_for(user: User | AnonymousUser, team_param: str, *, restricted: bool) -> tuple[list[Team], Team | None, Scope | None]:
    """The teams to choose between, the team chosen (from the query's `team`), and the scope."""
    if restricted:
        return [], None, None
    teams = teams_for(user)
    team = next((t for t in teams if str(t.pk) == team_param), None)
    service_id = team.service_id if team else service_id_of(user)
    return teams, team, Scope(service_id=service_id, team_id=team.pk if team else None)
