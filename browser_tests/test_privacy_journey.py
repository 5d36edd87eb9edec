"""Given a worker refused a person's record, when they look at the page, then it offers emergency
access (at 375 px too); a service manager sees the burst of refusals and approves a role; a member
sees who has their crisis plan and stops sharing it; every page passes axe (issues 15 and 19)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.services import request_role_change
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from plans.documents import Kind
from plans.tests.factories import CrisisPlanShareFactory, make_plan


@pytest.mark.django_db(transaction=True)
def test_refusals_roles_and_shares(live_server: LiveServer, page: Page, settings: Settings) -> None:
    settings.STAR_REFUSAL_BURST = 1
    base = live_server.url
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam", last_name="Okafor")
    other = UserFactory.create(role=Role.STR_WORKER, username="kim")
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    admin = UserFactory.create(role=Role.ADMIN, username="robin", first_name="Robin")
    volunteer = UserFactory.create(role=Role.VOLUNTEER, username="val", first_name="Val", last_name="Jones")
    stranger = PersonFactory.create(given_name="Alan", family_name="Turing")
    CaseloadEntryFactory.create(person=stranger, worker=other)

    sign_in_through_pages(page, base, worker)
    page.goto(f"{base}/people/{stranger.pk}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Get emergency access to a record")).to_be_visible()
    assert "Turing" not in page.content()
    assert_accessible(page, "privacy-01-refused-person")
    page.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(page, "privacy-01-refused-person-375")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Sign out").click()

    request_role_change(by=admin, user=volunteer, to_role=Role.STR_WORKER)
    sign_in_through_pages(page, base, manager)
    expect(page.get_by_text("Many refused requests")).to_be_visible()
    assert_accessible(page, "privacy-02-manager-home")
    page.goto(f"{base}/accounts/users/role-changes/")
    assert_accessible(page, "privacy-03-roles-to-approve")
    page.get_by_role("button", name="Approve STR worker for Val Jones").click()
    expect(page.get_by_text("Val Jones: STR worker role approved")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    member = UserFactory.create(role=Role.MEMBER, username="mary", first_name="Mary")
    person = PersonFactory.create(given_name="Mary", family_name="Seacole", user=member)
    CrisisPlanShareFactory.create(plan=make_plan(person, Kind.CRISIS, by=worker), recorded_by=worker, recipient_name="Home treatment team")
    sign_in_through_pages(page, base, member)
    page.goto(f"{base}/my/choices/")
    expect(page.get_by_role("heading", name="Who can have your crisis plan")).to_be_visible()
    assert_accessible(page, "privacy-04-member-choices")
    page.get_by_role("button", name="Stop sharing with Home treatment team").click()
    expect(page.get_by_text("You stopped sharing on")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(page, "privacy-05-member-stopped-375")
