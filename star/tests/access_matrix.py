"""What every URL gives each kind of visitor. Each app declares its URLs in
`<app>/tests/url_access.py` as `EXPECTATIONS`; the permission-matrix test fails for any URL
pattern in the project that has no declaration, so no page can ship unprotected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, Unpack, overload

from accounts.roles import Role

if TYPE_CHECKING:
    from conftest import World

OK = "ok"  # 200
LOGIN = "login"  # redirect to the sign-in page
REDIRECT = "redirect"  # a redirect somewhere other than sign-in
FORBIDDEN = "forbidden"  # 403: the role may not use this page
NOT_FOUND = "not_found"  # 404: no relationship with this record
NOT_ALLOWED = "not_allowed"  # 405: changes only by POST
UNAUTHORISED = "unauthorised"  # 401: an API that takes tokens, not signed-in sessions
MOVED = "moved"  # 301: an old address, redirecting to where the page is now (star/moved.py)

ANONYMOUS = "anonymous"
VISITORS = (ANONYMOUS, *Role.values)

Kwargs = Callable[["World"], dict[str, Any]]


class RoleOutcomes(TypedDict, total=False):
    """The outcome per role, one keyword per `Role` value (kept in step with accounts.roles.Role)."""

    member: str
    str_worker: str
    volunteer: str
    project_lead: str
    manager: str
    commissioner: str
    admin: str


@dataclass(frozen=True)
class Case:
    """One request: the URL's arguments (made from the shared `world`) and the outcome per visitor."""

    outcomes: dict[str, str]
    kwargs: Kwargs = field(default=lambda world: {})
    label: str = ""


# Two signatures, and the roles named, so that `case(**SOME_ROLES)` type-checks: with one signature
# mypy would check the unpacked `dict[str, str]` against `kwargs` too, which a string can never be.
@overload
def case(*, anonymous: str = LOGIN, default: str = FORBIDDEN, label: str = "", **roles: Unpack[RoleOutcomes]) -> Case: ...


@overload
def case(
    *, anonymous: str = LOGIN, default: str = FORBIDDEN, kwargs: Kwargs | None, label: str = "", **roles: Unpack[RoleOutcomes]
) -> Case: ...


def case(*, anonymous: str = LOGIN, default: str = FORBIDDEN, kwargs: Kwargs | None = None, label: str = "", **roles: str) -> Case:
    outcomes = dict.fromkeys(Role.values, default)
    outcomes[ANONYMOUS] = anonymous
    for role, outcome in roles.items():
        if role not in Role.values:
            raise ValueError(f"Unknown role {role!r} in an access expectation")
        outcomes[role] = outcome
    return Case(outcomes=outcomes, kwargs=kwargs or (lambda world: {}), label=label)


def post_only(kwargs: Kwargs | None = None) -> Case:
    """A URL that changes something: GET is refused for everyone (ASVS V3.5.3)."""
    return case(anonymous=NOT_ALLOWED, default=NOT_ALLOWED, kwargs=kwargs)
