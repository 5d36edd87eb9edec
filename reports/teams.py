"""Whose figures a report shows (docs/teams.md): a manager of one service, that service's; any
manager may narrow them to a team. Viewers who see figures only through core.disclosure
(commissioners) get no team choice: a team's figures beside the whole service's would let someone
work out the other teams' small numbers by subtraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.models import Team
from accounts.teams import Scope, team_choice
from core.periods import Period
from reports import tables
from reports.figures import service

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def scope_for(user: User | AnonymousUser, team_param: str, *, restricted: bool) -> tuple[list[Team], Team | None, Scope | None]:
    """The teams to choose between, the team chosen (from the query's `team`), and the scope: the
    same choice as every other report page's (`accounts.teams.team_choice`)."""
    chosen = team_choice(user, team_param, restricted=restricted)
    return chosen.teams, chosen.team, chosen.scope


def cost_figures_for(period: Period, scope: Scope | None, *, suppressed: bool) -> tables.CostFigures:
    """Costs are recorded for the service as a whole, not for each team (a salary, a venue's rent
    and the running costs are shared), so the costs, unit costs and saving are the service's
    whichever team is chosen: the cost of everything divided by one team's people would be wrong.
    With several services, a service's costs are those recorded for it (money.costs_counted).
    Within the dashboard's `figures_shared` block, a page with no team reuses its figures."""
    whole = None if scope is None else Scope(service_id=scope.service_id)
    with service.scoped(whole), service.figures_shared():
        return tables.cost_figures(period, suppressed=suppressed, scope=whole)
