"""Each role's menu shows only what the role may use, and every item it shows opens for them."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from conftest import World, sign_in

MENUS = {
    Role.STR_WORKER: ["Home", "Find a person", "My caseload", "Diary", "Triage queue", "Involvement"],
    Role.MANAGER: ["Home", "Find a person", "Diary", "Triage queue", "Projects", "Outcomes", "Safeguarding", "Involvement", "Messages"],
    Role.ADMIN: ["Home", "Measure wording", "Users", "Subject access", "Retention"],
    Role.MEMBER: ["Home", "My questionnaires"],
    Role.VOLUNTEER: ["Home", "Registers"],
    Role.PROJECT_LEAD: ["Home", "Projects", "Messages"],
    Role.COMMISSIONER: ["Home", "Project figures", "Outcomes"],
}


def menu(page: str) -> list[tuple[str, str]]:
    nav = page.split('aria-label="Menu"')[1].split("</nav>")[0]
    return [(text.strip(), href) for href, text in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>\s*(?:<strong[^>]*>)?([^<]+)', nav)]


@pytest.mark.parametrize("role", list(MENUS))
def test_menu_for_role(client: Client, world: World, role: Role) -> None:
    sign_in(client, world.user_for(role))
    items = menu(client.get(reverse("home")).content.decode())
    assert [text for text, _ in items] == MENUS[role]
    for _, href in items:
        assert client.get(href).status_code == 200


@pytest.mark.django_db
def test_no_menu_when_signed_out(client: Client) -> None:
    assert 'aria-label="Menu"' not in client.get(reverse("accounts:sign_in")).content.decode()
