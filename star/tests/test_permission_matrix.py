"""Every URL pattern × every visitor (anonymous and each role) gives its declared outcome."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from conftest import World, sign_in
from star.tests.access_matrix import (
    ANONYMOUS,
    FORBIDDEN,
    LOGIN,
    MOVED,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHORISED,
    VISITORS,
    Case,
    RoleOutcomes,
)

# The project's own URLs (star/moved.py) are declared in star/tests/url_access.py.
PROJECT_APPS = [config.name for config in apps.get_app_configs() if not config.name.startswith(("django", "axes", "csp"))] + ["star"]


def declared() -> dict[str, list[Case]]:
    expectations: dict[str, list[Case]] = {}
    for app in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.url_access")
        except ModuleNotFoundError:
            continue
        for name, cases in module.EXPECTATIONS.items():
            expectations[name] = cases if isinstance(cases, list) else [cases]
    return expectations


def url_names(patterns: list[URLPattern | URLResolver] | None = None, namespace: str = "") -> Iterator[str]:
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"


EXPECTATIONS = declared()


def test_the_typed_role_keywords_are_the_roles() -> None:
    """`case()` takes one keyword per role (RoleOutcomes, for mypy): a new role must be added there."""
    assert RoleOutcomes.__optional_keys__ == set(Role.values)


def test_every_url_has_a_declared_expectation() -> None:
    missing = sorted(set(url_names()) - set(EXPECTATIONS))
    assert not missing, f"URLs with no access expectation: {missing}"


def test_every_declaration_names_a_real_url() -> None:
    stale = sorted(set(EXPECTATIONS) - set(url_names()))
    assert not stale, f"Access expectations for URLs that no longer exist: {stale}"


MATRIX = [(name, index, visitor) for name, cases in sorted(EXPECTATIONS.items()) for index, _ in enumerate(cases) for visitor in VISITORS]


@pytest.mark.parametrize(("name", "index", "visitor"), MATRIX, ids=[f"{n}[{i}]-{v}" for n, i, v in MATRIX])
def test_url_gives_the_declared_outcome(client: Client, world: World, name: str, index: int, visitor: str) -> None:
    expected_case = EXPECTATIONS[name][index]
    url = reverse(name, kwargs=expected_case.kwargs(world) or None)
    if visitor != ANONYMOUS:
        sign_in(client, world.user_for(visitor))
    response = client.get(url)
    expected = expected_case.outcomes[visitor]
    sign_in_url = reverse("accounts:sign_in")
    status = response.status_code
    if expected == OK:
        assert status == 200, f"{visitor} GET {url}: {status}"
    elif expected == LOGIN:
        assert status == 302 and response["Location"].startswith(sign_in_url), f"{visitor} GET {url}: {status}"
    elif expected == REDIRECT:
        assert status == 302 and not response["Location"].startswith(sign_in_url), f"{visitor} GET {url}: {status}"
    elif expected == FORBIDDEN:
        assert status == 403, f"{visitor} GET {url}: {status}"
    elif expected == NOT_FOUND:
        assert status == 404, f"{visitor} GET {url}: {status}"
    elif expected == NOT_ALLOWED:
        assert status == 405, f"{visitor} GET {url}: {status}"
    elif expected == UNAUTHORISED:
        assert status == 401, f"{visitor} GET {url}: {status}"
    elif expected == MOVED:
        assert status == 301, f"{visitor} GET {url}: {status}"
    else:  # pragma: no cover
        raise AssertionError(f"Unknown outcome {expected!r}")
