"""A NUL character in a query string is refused with a 400 on every page, never a 500 (PostgreSQL
cannot compare text with NUL, so a list filtering on `?type=%00` used to fail)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, sign_in
from star.tests.access_matrix import OK, VISITORS
from star.tests.test_permission_matrix import EXPECTATIONS

# Every name a list or search reads from the query string (grep request.GET), and the search box.
FILTERS = ["type", "q", "page", "show", "format", "status", "stage", "search", "period", "overdue", "older", "newer"]
FILTERS += ["months", "mapping", "kind", "contact", "next", "name", "date"]

PAGES = sorted(
    (name, index, next(visitor for visitor in VISITORS if case.outcomes[visitor] == OK))
    for name, cases in EXPECTATIONS.items()
    for index, case in enumerate(cases)
    if any(case.outcomes[visitor] == OK for visitor in VISITORS)
)


@pytest.mark.django_db
def test_the_involvement_list_refuses_a_nul_type(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    response = client.get("/involvement/?type=%00")
    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
    assert client.get("/involvement/?type=").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index", "visitor"), PAGES, ids=[f"{n}[{i}]" for n, i, _ in PAGES])
def test_every_page_refuses_a_nul_in_any_filter(client: Client, world: World, name: str, index: int, visitor: str) -> None:
    url = reverse(name, kwargs=EXPECTATIONS[name][index].kwargs(world) or None)
    if visitor != "anonymous":
        sign_in(client, world.user_for(visitor))
    assert client.get(url, dict.fromkeys(FILTERS, "a\x00b")).status_code == 400
    assert client.get(url, {"x\x00": "1"}).status_code == 400
