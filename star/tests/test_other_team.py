"""The permission matrix again, for two visitors it cannot name by role (docs/teams.md): an STR
worker in another team of the same service, and a service manager of another service. The shared
`world` is placed in one service ("the world's service", its people, referrals and projects
included); each URL that the world's own worker or manager reaches for a record must give these
two nothing: "not found" (or a refusal), never the page. A URL whose record is not the service's
(the visitor's own things, shared reference data) is listed in SHARED with why."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Service, Team, User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from community.models import Project
from conftest import World, sign_in
from people.models import Person
from referrals.models import Referral
from star.tests.access_matrix import OK, case
from star.tests.test_permission_matrix import EXPECTATIONS
from volunteers.models import Volunteer

# URLs with a record in their address that is not one service's: what is found there belongs to
# the whole organisation (reference lists, the visitor's own account) or is not about people.
SHARED: dict[str, str] = {
    **dict.fromkeys(
        ["community:activity_page", "community:activity_calendar", "community:project_calendar"],
        "the public directory of projects and activities: every project is listed for anyone",
    ),
    **dict.fromkeys(
        [
            "openreferral:location",
            "openreferral:organization",
            "openreferral:service",
            "openreferral:service_at_location",
            "openreferral:taxonomy",
            "openreferral:taxonomy_term",
        ],
        "the public Open Referral UK feed",
    ),
    "community:venue_edit": "venues are the organisation's, shared by every service's projects",
    "community:crisis_place_edit": "the crisis places list is the organisation's, shown to everyone",
    "hub:resource": "the resource hub lists other organisations' services for everyone",
    "hub:resource_edit": "the resource hub lists other organisations' services for everyone",
    "portal:accept_invitation": "reached by its one-use token: it shows no record until the member signs in",
    "portal:link_sign_in": "reached by its one-use token: it shows no record until the member signs in",
    "notifications:template_detail": "message templates are the organisation's",
    "volunteers:training_module_edit": "the catalogue of training modules is the organisation's",
    "questions:edit": "the service's own questions are defined once for the organisation (questions app)",
    **dict.fromkeys(
        ["interop:export_csv", "interop:export_xlsx"],
        "the address names a list, not a record; its rows come through the gates (interop.access), so the manager's own service's",
    ),
    "reports:export_table": "aggregate figures, not a record; filtering reports by service and team is in reports (docs/teams.md)",
    # Not yet divided by service (docs/teams.md, "What is not yet divided"): user involvement
    # (forums, decisions and feedback) is run for the whole organisation today.
    **dict.fromkeys(
        [
            "involvement:activity_detail",
            "involvement:activity_edit",
            "involvement:participant_add",
            "involvement:payment_new",
            "involvement:decision_detail",
            "involvement:decision_edit",
            "involvement:feedback_detail",
        ],
        "user involvement is the whole organisation's, not yet divided by service",
    ),
}

# Only for the worker in another team of the same service: triage is the service's duty
# (docs/adr/0006), so every triager of the service opens a referral awaiting triage.
SAME_SERVICE: dict[str, str] = dict.fromkeys(
    ["referrals:detail", "referrals:triage", "referrals:withdraw"], "a referral awaiting triage is the whole service's to triage"
)

OTHERS = (("str_worker", "worker in another team"), ("manager", "manager of another service"))

# A case declared without arguments has the one "no arguments" function `case()` makes.
NO_ARGUMENTS = case().kwargs.__code__

CASES = [
    (name, index, role, label)
    for name, cases in sorted(EXPECTATIONS.items())
    for index, declared in enumerate(cases)
    for role, label in OTHERS
    if declared.outcomes[role] == OK
    and declared.kwargs.__code__ is not NO_ARGUMENTS
    and name not in SHARED
    and not (role == "str_worker" and name in SAME_SERVICE)
]


def place_the_world(world: World) -> tuple[User, User]:
    """The world in one service and team; the two outsiders; returns (worker in team B, manager of service 2)."""
    home = Service.objects.create(name="Leeds")
    team_a, team_b = Team.objects.create(service=home, name="1-to-1 team"), Team.objects.create(service=home, name="Community team")
    elsewhere = Service.objects.create(name="Bradford")
    for user in (world.worker, world.other_worker, world.volunteer, world.lead):
        user.service, user.team = home, team_a
        user.save()
    world.manager.service = home
    world.manager.save()
    other_worker = UserFactory.create(role=Role.STR_WORKER, username="worker_in_team_b", service=home, team=team_b)
    other_manager = UserFactory.create(role=Role.MANAGER, username="manager_of_bradford", service=elsewhere)
    return other_worker, other_manager


def place_records(home: Service) -> None:
    Person.objects.update(service=home)
    Referral.objects.update(service=home, team=Team.objects.get(service=home, name="1-to-1 team"))
    Project.objects.update(team=Team.objects.get(service=home, name="1-to-1 team"))
    Volunteer.objects.update(service=home)


@pytest.mark.parametrize(("name", "index", "role", "label"), CASES, ids=[f"{n}[{i}]-{lbl}" for n, i, _, lbl in CASES])
def test_someone_in_another_team_or_service_gets_nothing(
    client: Client, world: World, name: str, index: int, role: str, label: str
) -> None:
    other_worker, other_manager = place_the_world(world)
    kwargs = EXPECTATIONS[name][index].kwargs(world)
    place_records(Service.objects.get(name="Leeds"))
    url = reverse(name, kwargs=kwargs or None)
    insider = world.user_for(role)
    sign_in(client, insider)
    assert client.get(url).status_code == 200, f"{role} of the world's own team: GET {url}"
    client.logout()
    outsider = other_worker if role == "str_worker" else other_manager
    sign_in(client, outsider)
    status = client.get(url).status_code
    assert status in (403, 404), f"{label} GET {url}: {status}"


# Every report page with figures a manager narrows by team (docs/teams.md, one choice:
# accounts.teams.team_choice). The query each needs to show figures.
REPORT_PAGES = {
    "reports:dashboard": "?kind=quarter&start=2025-10-01",
    "reports:equality": "?kind=quarter&start=2025-10-01",
    "outcomes:cohorts": "?group_by=all&start=2025-04-01&end=2026-03-31",
    "volunteers:report": "?period=quarter",
    "hub:figures": "?kind=quarter&start=2025-10-01",
    "choices:figures": "?kind=quarter&start=2025-10-01",
}


@pytest.mark.parametrize("name", sorted(REPORT_PAGES))
def test_a_manager_of_another_service_cannot_choose_the_worlds_teams(client: Client, world: World, name: str) -> None:
    """The world's manager chooses between the world's teams; the manager of another service
    neither sees them offered nor gets one by putting it in the address."""
    _, other_manager = place_the_world(world)
    community = Team.objects.get(name="Community team")
    url = reverse(name) + REPORT_PAGES[name]
    sign_in(client, world.manager)
    page = client.get(url).content.decode()
    assert 'name="team"' in page and "Community team" in page, f"the world's manager: {url}"
    client.logout()
    sign_in(client, other_manager)
    page = client.get(url + f"&team={community.pk}").content.decode()
    assert "Community team" not in page and "1-to-1 team" not in page, f"manager of another service: {url}"
