"""The demo has one service with two teams, its workers split between them (docs/teams.md)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Service, Team, User
from community.models import Project
from people.models import Person
from referrals.access import waiting_list_for
from referrals.models import Referral


@pytest.mark.django_db
def test_the_demo_has_a_one_to_one_team_and_a_community_team_in_one_service() -> None:
    out = StringIO()
    call_command("seed_demo", "--size", "small", "--seed", "2", "--logins", stdout=out)
    service = Service.objects.get()
    assert set(Team.objects.filter(service=service).values_list("name", flat=True)) == {"1-to-1 team", "Community team"}
    worker, worker2, manager = (User.objects.get(username=name) for name in ("worker", "worker2", "manager"))
    assert worker.team is not None and worker2.team is not None
    assert worker.team.name == "1-to-1 team" and worker2.team.name == "Community team"
    assert manager.service == service and manager.team is None
    assert not Person.objects.filter(service__isnull=True).exists()
    assert not Project.objects.filter(team__isnull=True).exists()
    waiting = Referral.objects.filter(status=Referral.Status.WAITING)
    assert waiting.filter(team=worker.team).exists() and waiting.filter(team=worker2.team).exists()
    assert set(waiting_list_for(worker)).isdisjoint(waiting_list_for(worker2)), "each worker sees their own team's waiting list"
    assert "(1-to-1 team)" in out.getvalue() and "(Community team)" in out.getvalue()
