"""Each app owns a prefix: the only addresses at the site root are the public ones named here
(public contract or habit), and every address that moved answers with a permanent redirect to
where the page is now."""

from __future__ import annotations

import ast
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from star import urls
from star.moved import MOVED, new_address

# Every route reachable from the root without passing an app's prefix.
PUBLIC_AT_ROOT = {
    "",  # the home page
    "accessibility/",
    "sign-in/",
    "sign-out/",
    "refer-yourself/",
    "refer-yourself/sent/",
    "service-worker.js",
    "manifest.webmanifest",
    "feedback/",
    "feedback/thank-you/",
    "you-said-we-did/",
    "resources/",
    "resources/<uuid:resource_id>/",
    "resources/<uuid:resource_id>/save/",
    # Development only, with STAR_NOTIFY_STAND_IN: GOV.UK Notify's own API shape.
    "v2/notifications/<path:rest>",
    "dev/notify/",
    "dev/notify/<uuid:notification_id>/receipt/",
}

# Prefixes at the root: one app each, or the public contracts kept as they were.
PREFIXES = {
    "accounts/": "accounts",
    "people/": "people",
    "notes/search/": "casesearch",
    "audit/": "audit",
    "records/": "records",
    "outcomes/": "outcomes",
    "referrals/": "referrals",
    "questions/": "questions",
    "enablement/": "enablement",
    "appointments/": "appointments",
    "plans/": "plans",
    "safeguarding/": "safeguarding",
    "community/": "community",
    "openreferral/": "community",  # Open Referral UK API: public contract
    "involvement/": "involvement",
    "choices/": "choices",
    "hub/": "hub",
    "my/": "portal",  # a member's own pages (with each app's member_urls.py)
    "volunteers/": "volunteers",
    "reports/": "reports",
    "api/v1/": "interop",  # the API base: public contract
    "interop/": "interop",
    "messages/": "notifications",
    "downloads/": "downloads",
    "documents/": "documents",
}


def _root(patterns: list[URLPattern | URLResolver]) -> tuple[set[str], set[str]]:
    """Routes and prefixes at the root, looking through includes mounted at ""."""
    routes: set[str] = set()
    prefixes: set[str] = set()
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver) and route == "":
            if pattern.namespace == "moved":
                continue
            inner_routes, inner_prefixes = _root(pattern.url_patterns)
            routes |= inner_routes
            prefixes |= inner_prefixes
        elif isinstance(pattern, URLResolver):
            prefixes.add(route)
        else:
            routes.add(route)
    return routes, prefixes


def test_only_the_public_addresses_are_at_the_root() -> None:
    routes, prefixes = _root(get_resolver().url_patterns)
    assert routes <= PUBLIC_AT_ROOT, f"Pages at the site root that are not declared public: {sorted(routes - PUBLIC_AT_ROOT)}"
    assert prefixes == set(PREFIXES), f"Prefixes not declared here: {sorted(prefixes ^ set(PREFIXES))}"


def test_star_urls_mounts_no_app_at_the_root_but_through_app() -> None:
    """In `urlpatterns`, an app's URLs are mounted at a prefix, or through `app()` which shows the
    prefix and says which public addresses stay at the root; only the service worker's file is
    included at "" directly."""
    tree = ast.parse(Path(urls.__file__).read_text())
    assignment = next(node for node in tree.body if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "urlpatterns")
    at_root = [
        ast.unparse(element)
        for element in assignment.value.elts  # type: ignore[attr-defined]
        if isinstance(element, ast.Call)
        and ast.unparse(element.func) == "path"
        and ast.unparse(element.args[0]) == "''"
        and "include(" in ast.unparse(element)
    ]
    assert at_root == ["path('', include('community.urls_offline'))"]


def _old_and_new(old: str, new: str) -> tuple[str, str]:
    arguments = {"person_id": uuid.UUID(int=7), "session_id": 12}
    return new_address(old, arguments, "some/page/"), new_address(new, arguments, "some/page/")


@pytest.mark.parametrize(("name", "old", "new"), MOVED, ids=[name for name, _, _ in MOVED])
def test_an_old_address_redirects_permanently_to_the_new_one(client: Client, name: str, old: str, new: str) -> None:
    old_path, new_path = _old_and_new(old, new)
    response = client.get(f"{old_path}?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"{new_path}?page=2"
    bare = new_address(old, {"person_id": uuid.UUID(int=7), "session_id": 12}, "")
    assert client.get(bare)["Location"] == new_address(new, {"person_id": uuid.UUID(int=7), "session_id": 12}, "")


@pytest.mark.parametrize(("name", "old", "new"), MOVED, ids=[name for name, _, _ in MOVED])
def test_a_post_to_an_old_address_keeps_its_method(name: str, old: str, new: str) -> None:
    client = Client(enforce_csrf_checks=False)
    old_path, new_path = _old_and_new(old, new)
    response = client.post(old_path, {"a": "b"})
    assert response.status_code == 308
    assert response["Location"] == new_path


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[tuple[str, str | None]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def test_every_new_prefix_holds_pages() -> None:
    """The redirect leads somewhere: pages other than the redirects start with each new prefix."""
    routes = [route for route, name in _routes(get_resolver().url_patterns) if not route.startswith(tuple(old for _, old, _ in MOVED))]
    for name, _, new in MOVED:
        assert any(route.startswith(new) for route in routes), name
