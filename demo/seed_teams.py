"""The demo's service and its two teams (docs/teams.md): the 1-to-1 team and the community team,
with the demo workers split between them; the manager manages the whole service."""

from __future__ import annotations

from accounts.models import Service, Team, User
from community.models import Project
from demo.accounts import COMMUNITY_TEAM, DEMO_ACCOUNTS, DEMO_SERVICE, ONE_TO_ONE_TEAM, WHOLE_SERVICE
from people.models import Person
from referrals.models import Referral
from volunteers.models import Volunteer


def place_accounts(users: dict[str, User]) -> Service:
    """The service and teams, and each demo sign-in in its place (safe to run twice)."""
    service, _ = Service.objects.get_or_create(name=DEMO_SERVICE)
    teams = {name: Team.objects.get_or_create(service=service, name=name)[0] for name in (ONE_TO_ONE_TEAM, COMMUNITY_TEAM)}
    for account in DEMO_ACCOUNTS:
        user = users[account.username]
        if account.team == WHOLE_SERVICE:
            user.service, user.team = service, None
        elif account.team:
            user.service, user.team = service, teams[account.team]
        else:
            continue
        user.save(update_fields=["service", "team"])
    return service


def place_records(service: Service) -> None:
    """Every demo record in the service; each allocated referral in its worker's team; projects
    with the community team. A few statements, however many rows."""
    community = Team.objects.get(service=service, name=COMMUNITY_TEAM)
    Person.objects.filter(service__isnull=True).update(service=service)
    Volunteer.objects.filter(service__isnull=True).update(service=service)
    Referral.objects.filter(service__isnull=True).update(service=service)
    for team in Team.objects.filter(service=service):
        workers = User.objects.filter(team=team).values("pk")
        Referral.objects.filter(team__isnull=True, allocated_to__in=workers).update(team=team)
    Project.objects.filter(team__isnull=True).update(team=community)
    # The waiting list: every third referral for the community team's groups, the rest 1-to-1.
    waiting = list(Referral.objects.filter(status=Referral.Status.WAITING, team__isnull=True).order_by("pk").values_list("pk", flat=True))
    Referral.objects.filter(pk__in=waiting[::3]).update(team=community)
    Referral.objects.filter(pk__in=[pk for index, pk in enumerate(waiting) if index % 3]).update(
        team=Team.objects.get(service=service, name=ONE_TO_ONE_TEAM)
    )
