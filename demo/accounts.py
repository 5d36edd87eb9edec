"""The demo sign-ins: one per role, printed by `make run`."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.roles import Role

DEMO_PASSWORD = "recovery-star-demo"  # noqa: S105  (synthetic demo only; refused nowhere but local)  # nosec B105


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: Role
    # Where they work (docs/teams.md): a team of the demo service, the whole service, or "".
    team: str = ""


# The demo service and its two teams (demo.seed_teams).
DEMO_SERVICE = "Birmingham STR service"
ONE_TO_ONE_TEAM = "1-to-1 team"
COMMUNITY_TEAM = "Community team"
WHOLE_SERVICE = "the whole service"

DEMO_ACCOUNTS = (
    DemoAccount("manager", "Morgan", "Ellis", Role.MANAGER, WHOLE_SERVICE),
    DemoAccount("worker", "Sam", "Okafor", Role.STR_WORKER, ONE_TO_ONE_TEAM),
    DemoAccount("worker2", "Priya", "Sandhu", Role.STR_WORKER, COMMUNITY_TEAM),
    DemoAccount("lead", "Jo", "Whitfield", Role.PROJECT_LEAD, COMMUNITY_TEAM),
    DemoAccount("volunteer", "Chris", "Mensah", Role.VOLUNTEER, COMMUNITY_TEAM),
    DemoAccount("member", "Alex", "Rowe", Role.MEMBER),
    DemoAccount("commissioner", "Dana", "Clarke", Role.COMMISSIONER),
    DemoAccount("admin", "Robin", "Hale", Role.ADMIN),
)
