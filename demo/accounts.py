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


DEMO_ACCOUNTS = (
    DemoAccount("manager", "Morgan", "Ellis", Role.MANAGER),
    DemoAccount("worker", "Sam", "Okafor", Role.STR_WORKER),
    DemoAccount("worker2", "Priya", "Sandhu", Role.STR_WORKER),
    DemoAccount("lead", "Jo", "Whitfield", Role.PROJECT_LEAD),
    DemoAccount("volunteer", "Chris", "Mensah", Role.VOLUNTEER),
    DemoAccount("member", "Alex", "Rowe", Role.MEMBER),
    DemoAccount("commissioner", "Dana", "Clarke", Role.COMMISSIONER),
    DemoAccount("admin", "Robin", "Hale", Role.ADMIN),
)
