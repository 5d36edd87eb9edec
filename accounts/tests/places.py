"""Services and teams for tests (docs/teams.md): the shared `world` placed in Leeds's 1-to-1 team
(its manager over Leeds), with a worker in Leeds's community team and a manager of Bradford."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Service, Team, User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from conftest import World


@dataclass
class Places:
    leeds: Service
    one_to_one: Team
    community: Team
    bradford: Service
    bradford_team: Team
    community_worker: User  # an STR worker in Leeds's other team
    bradford_manager: User
    bradford_worker: User


def place_world(world: World) -> Places:
    leeds = Service.objects.create(name="Leeds")
    one_to_one = Team.objects.create(service=leeds, name="1-to-1 team")
    community = Team.objects.create(service=leeds, name="Community team")
    bradford = Service.objects.create(name="Bradford")
    bradford_team = Team.objects.create(service=bradford, name="Bradford team")
    for user in (world.worker, world.other_worker, world.volunteer, world.lead):
        user.service, user.team = leeds, one_to_one
        user.save(update_fields=["service", "team"])
    world.manager.service = leeds
    world.manager.save(update_fields=["service"])
    for person in (world.caseload_person, world.stranger, world.member_person):
        person.service = leeds
        person.save(update_fields=["service"])
    return Places(
        leeds=leeds,
        one_to_one=one_to_one,
        community=community,
        bradford=bradford,
        bradford_team=bradford_team,
        community_worker=UserFactory.create(role=Role.STR_WORKER, username="community_worker", service=leeds, team=community),
        bradford_manager=UserFactory.create(role=Role.MANAGER, username="bradford_manager", service=bradford),
        bradford_worker=UserFactory.create(role=Role.STR_WORKER, username="bradford_worker", service=bradford, team=bradford_team),
    )
