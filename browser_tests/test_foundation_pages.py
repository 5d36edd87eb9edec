"""Every foundation page, in each state people meet it (empty, with errors), passes axe."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from people.tests.factories import AlertFactory, BreakGlassGrantFactory, CaseloadEntryFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_pages(live_server: LiveServer, page: Page) -> None:
    page.goto(f"{live_server.url}/accessibility/")
    assert_accessible(page, "pages-accessibility-statement")
    page.goto(f"{live_server.url}/no-such-page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page, "pages-404")
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your username")
    assert_accessible(page, "pages-sign-in-errors")


def test_two_factor_set_up_page(live_server: LiveServer, page: Page) -> None:
    UserFactory.create(username="new.worker", role=Role.STR_WORKER)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("new.worker")
    page.get_by_label("Password").fill("a-long-enough-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    assert_accessible(page, "pages-two-factor-set-up")


def test_manager_pages(live_server: LiveServer, page: Page) -> None:
    manager = UserFactory.create(username="morgan", role=Role.MANAGER, first_name="Morgan")
    worker = UserFactory.create(username="sam", role=Role.STR_WORKER, first_name="Sam")
    person = PersonFactory.create(given_name="Ada", family_name="Lovelace", pronouns="she/her", email="ada@example.org")
    CaseloadEntryFactory.create(person=person, worker=worker)
    AlertFactory.create(person=person, summary="Lone working: meet in public places")
    grant = BreakGlassGrantFactory.create(person=person, user=worker)
    sign_in_through_pages(page, live_server.url, manager)
    assert_accessible(page, "pages-manager-home")
    visits = {
        "pages-person": f"/people/{person.pk}/",
        "pages-person-edit": f"/people/{person.pk}/edit/",
        "pages-person-equality": f"/people/{person.pk}/equality/",
        "pages-person-alert-new": f"/people/{person.pk}/alerts/new/",
        "pages-person-caseload": f"/people/{person.pk}/caseload/",
        "pages-audit-trail": f"/audit/?person={person.pk}",
        "pages-break-glass-queue": "/people/emergency-access/reviews/",
        "pages-break-glass-review": f"/people/emergency-access/reviews/{grant.pk}/",
        "pages-search": "/people/",
        "pages-register": "/people/new/",
    }
    for name, path in visits.items():
        page.goto(live_server.url + path)
        assert_accessible(page, name)
    page.goto(f"{live_server.url}/people/new/")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter their first name")
    assert_accessible(page, "pages-register-errors")
    page.goto(f"{live_server.url}/people/{person.pk}/equality/")
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Equality monitoring saved")).to_be_visible()


def test_worker_emergency_access_form(live_server: LiveServer, page: Page) -> None:
    worker = UserFactory.create(username="sam", role=Role.STR_WORKER, first_name="Sam")
    sign_in_through_pages(page, live_server.url, worker)
    assert_accessible(page, "pages-worker-home-empty")
    page.goto(f"{live_server.url}/people/emergency-access/")
    assert_accessible(page, "pages-break-glass")
    page.get_by_role("button", name="Get emergency access").click()
    expect(page.get_by_role("alert")).to_contain_text("Explain why you need emergency access")
    assert_accessible(page, "pages-break-glass-errors")


def test_admin_pages(live_server: LiveServer, page: Page) -> None:
    admin = UserFactory.create(username="robin", role=Role.ADMIN, first_name="Robin")
    sign_in_through_pages(page, live_server.url, admin)
    assert_accessible(page, "pages-admin-home")
    page.goto(f"{live_server.url}/accounts/users/")
    assert_accessible(page, "pages-users")
    page.goto(f"{live_server.url}/accounts/users/new/")
    page.get_by_label("Username").fill("jo.bloggs")
    page.get_by_label("First password").fill("short")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("The password must be at least 15 characters")
    assert_accessible(page, "pages-user-new-errors")
    page.goto(f"{live_server.url}/accounts/users/{admin.pk}/")
    assert_accessible(page, "pages-user-detail")

    # Subject access: log a request for a person, see its clock, export what is held.
    person = PersonFactory.create(given_name="Alan", family_name="Turing", emergency_contact_name="Joan Clarke")
    page.goto(f"{live_server.url}/records/subject-access/")
    assert_accessible(page, "pages-subject-access-list")
    page.get_by_role("link", name="Log a request").click()
    page.get_by_role("button", name="Log request").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter who made the request")
    assert_accessible(page, "pages-subject-access-new-errors")
    page.get_by_label("Who made the request?").fill("Alan, by email")
    page.get_by_label("Email", exact=True).check()
    today = timezone.localdate()
    page.locator("#id_received_on_0").fill(str(today.day))
    page.locator("#id_received_on_1").fill(str(today.month))
    page.locator("#id_received_on_2").fill(str(today.year))
    page.get_by_label("Their NHS number").fill(person.nhs_number)
    page.get_by_role("button", name="Log request").click()
    expect(page.get_by_text("Request logged")).to_be_visible()
    assert_accessible(page, "pages-subject-access-detail")
    # No single person reads a record: the export opens only after a service manager approves.
    expect(page.get_by_role("link", name="See everything we hold")).to_have_count(0)


def test_member_pages(live_server: LiveServer, page: Page) -> None:
    member = UserFactory.create(username="alex", role=Role.MEMBER, first_name="Alex")
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)
    sign_in_through_pages(page, live_server.url, member)
    assert_accessible(page, "pages-member-home")
    page.get_by_role("link", name="See the details we hold about you").click()
    expect(page.get_by_role("heading", name="Alex Rowe")).to_be_visible()
    assert_accessible(page, "pages-member-own-record")
    page.goto(f"{live_server.url}/people/{PersonFactory.create().pk}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert person.user == member


def test_signing_out_from_the_header(live_server: LiveServer, page: Page) -> None:
    member = UserFactory.create(username="alex", role=Role.MEMBER, first_name="Alex")
    sign_in_through_pages(page, live_server.url, member)
    page.get_by_role("navigation", name="Account").get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()
    expect(page.get_by_role("heading", name="Sign in to STaR")).to_be_visible()
    page.goto(f"{live_server.url}/")  # the public front page, with its way to sign in
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
