"""Given one service, when the administrator adds a second team on a phone and puts a worker in it,
then the manager narrows the waiting list to that team and the worker sees only their own team's
waiting referrals (docs/teams.md)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import Service, Team
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory


@pytest.mark.django_db(transaction=True)
def test_an_administrator_adds_a_team_and_the_waiting_list_follows_it(live_server: LiveServer, phone: Page, page: Page) -> None:
    service = Service.objects.create(name="Leeds STR service")
    one_to_one = Team.objects.create(service=service, name="1-to-1 team")
    admin = UserFactory.create(role=Role.ADMIN, username="robin", first_name="Robin")
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan", service=service)
    worker = UserFactory.create(
        role=Role.STR_WORKER, username="priya", first_name="Priya", last_name="Sandhu", service=service, team=one_to_one
    )
    ours = ReferralFactory.create(status=Referral.Status.WAITING, service=service, team=one_to_one)

    # On a phone, the administrator adds the community team and moves Priya into it.
    sign_in_through_pages(phone, live_server.url, admin)
    phone.goto(f"{live_server.url}/accounts/services-and-teams/")
    assert_accessible(phone, "teams-01-services-and-teams")
    phone.get_by_label("Name of the team").fill("Community team")
    phone.get_by_role("button", name="Add the team").click()
    expect(phone.get_by_text("Community team has been added to Leeds STR service")).to_be_visible()
    assert_accessible(phone, "teams-02-team-added")
    community = Team.objects.get(name="Community team")
    theirs = ReferralFactory.create(status=Referral.Status.WAITING, service=service, team=community)
    phone.goto(f"{live_server.url}/accounts/users/{worker.pk}/")
    phone.get_by_label("Team or service").select_option(label="Leeds STR service: Community team")
    phone.get_by_role("button", name="Save where they work").click()
    expect(phone.get_by_text("Priya Sandhu now works in Community team")).to_be_visible()
    assert_accessible(phone, "teams-03-worker-placed")

    # The manager sees both teams' waiting referrals and narrows the list to the community team.
    sign_in_through_pages(page, live_server.url, manager)
    page.goto(f"{live_server.url}/referrals/waiting/")
    expect(page.get_by_role("link", name=ours.reference, exact=False)).to_be_visible()
    expect(page.get_by_role("link", name=theirs.reference, exact=False)).to_be_visible()
    page.get_by_label("Team").select_option(label="Community team")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name=theirs.reference, exact=False)).to_be_visible()
    expect(page.get_by_role("link", name=ours.reference, exact=False)).to_have_count(0)
    assert_accessible(page, "teams-04-manager-waiting-list-community")

    # Priya, now in the community team, sees that team's waiting referral and not the other.
    phone.context.clear_cookies()
    sign_in_through_pages(phone, live_server.url, worker)
    phone.goto(f"{live_server.url}/referrals/waiting/")
    expect(phone.get_by_role("link", name=theirs.reference, exact=False)).to_be_visible()
    expect(phone.get_by_role("link", name=ours.reference, exact=False)).to_have_count(0)
    assert_accessible(phone, "teams-05-worker-waiting-list")
