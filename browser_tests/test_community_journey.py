"""Given a project lead and a volunteer, when the lead sets up a weekly drop-in and puts the
volunteer on the rota, and the volunteer takes the register on a 320px phone, then the project's
figures count everyone once, and every page (the public directory too) passes axe."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from community.models import Activity, Attendance, Session
from community.tests.factories import MembershipFactory, ProjectLeadFactory, VenueFactory
from people.models import Alert
from people.tests.factories import AlertFactory, PersonFactory

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sign_in(page: Page, base: str, user: User) -> None:
    sign_in_through_pages(page, base, user)  # two-factor for every staff role
    expect(page.get_by_role("navigation", name="Account").get_by_role("button", name="Sign out")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_lead_sets_up_a_drop_in_volunteer_takes_the_register_on_a_phone_and_figures_update(
    live_server: LiveServer,
    page: Page,
    phone: Page,
) -> None:
    base = live_server.url
    lead = UserFactory.create(role=Role.PROJECT_LEAD, username="jo", first_name="Jo")
    volunteer = UserFactory.create(role=Role.VOLUNTEER, username="chris", first_name="Chris", last_name="Mensah")
    project = ProjectLeadFactory.create(user=lead, project__name="Moseley Peer Network").project
    VenueFactory.create(name="Moseley Exchange")
    ada = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    MembershipFactory.create(project=project, person=ada)
    AlertFactory.create(person=ada, category=Alert.Category.COMMUNICATION, summary="Uses British Sign Language")
    MembershipFactory.create(project=project, person=PersonFactory.create(given_name="Bob", family_name="Brown"))

    # The public directory, before anything is set up.
    page.goto(f"{base}/community/find/")
    expect(page.get_by_role("heading", name="Find a drop-in or group")).to_be_visible()
    assert_accessible(page, "community-01-public-directory-empty")

    # The lead sets up a weekly drop-in on today's day of the week.
    sign_in(page, base, lead)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Projects").click()
    assert_accessible(page, "community-02-projects")
    page.get_by_role("link", name="Moseley Peer Network").click()
    assert_accessible(page, "community-03-project")
    page.get_by_role("link", name="Add an activity").click()
    assert_accessible(page, "community-04-activity-form")
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the activity's name")
    assert_accessible(page, "community-05-activity-errors")
    page.get_by_label("Name").fill("Thursday drop-in")
    page.get_by_label("Description").fill("Tea, talk and peer support")
    page.get_by_label("Drop-in", exact=True).check()
    page.get_by_label("Kind of activity").select_option("peer_support")
    page.get_by_label("Venue").select_option(label="Moseley Exchange")
    page.get_by_label("How to join").fill("Just turn up")
    page.get_by_label("Closed on bank holidays").uncheck()  # so the journey also runs on a bank holiday
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_role("heading", name="When does it happen?")).to_be_visible()
    assert_accessible(page, "community-06-schedule-form")
    today = timezone.localdate()
    page.get_by_label("Every week").check()
    page.get_by_label("Day of the week").select_option(label=WEEKDAYS[today.weekday()])
    page.get_by_label("Start time").fill("00:05")
    page.get_by_label("Finish time").fill("23:55")
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("Schedule added")).to_be_visible()
    assert_accessible(page, "community-07-activity")
    activity = Activity.objects.get(name="Thursday drop-in")
    session = activity.sessions.get(starts_at__date=today)

    # The lead puts the volunteer on today's rota.
    page.get_by_role("link", name=f"{today.day} {today:%B %Y}").first.click()
    assert_accessible(page, "community-08-session")
    page.get_by_label("Who is on duty").select_option(label="Chris Mensah")
    page.get_by_role("button", name="Add to the rota").click()
    expect(page.get_by_text("Chris Mensah is on the rota")).to_be_visible()

    # The volunteer takes the register on a small phone.
    sign_in(phone, base, volunteer)
    phone.goto(f"{base}/community/registers/")
    assert_accessible(phone, "community-09-phone-registers")
    phone.get_by_role("link", name="Thursday drop-in").click()
    expect(phone.get_by_text("Uses British Sign Language")).to_be_visible()
    expect(phone.get_by_text("Lovelace")).to_have_count(0)
    assert_accessible(phone, "community-10-phone-register")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the register scrolls sideways by {overflow}px at 320px"
    phone.get_by_label("Find by first name").fill("ad")
    phone.get_by_role("button", name="Find").click()
    expect(phone.get_by_text("Bob")).to_have_count(0)
    assert_accessible(phone, "community-11-phone-search")
    phone.get_by_role("button", name=re.compile(r"^Mark here\W+Ada$")).dblclick()  # a double tap marks once, never un-marks
    expect(phone.get_by_text(re.compile(r"^Here ✓\W+Ada$"))).to_be_visible()
    expect(phone.get_by_role("button", name=re.compile(r"^Not here after all\W+undo marking Ada$"))).to_be_visible()
    assert_accessible(phone, "community-12-phone-marked")
    phone.get_by_label("People who came without giving their name").fill("3")
    phone.get_by_role("button", name="Save number").click()
    expect(phone.get_by_text("Saved: 3 people")).to_be_visible()
    phone.get_by_label("People who came without giving their name").fill("3")  # saved again: still 3
    phone.get_by_role("button", name="Save number").click()
    phone.get_by_role("link", name="Add someone new").click()
    assert_accessible(phone, "community-13-phone-new-regular")
    phone.get_by_label("First name").fill("Grace")
    phone.get_by_role("button", name="Add and mark as here").click()
    expect(phone.get_by_text("Grace has been added and marked as here")).to_be_visible()
    assert_accessible(phone, "community-14-phone-register-done")

    assert Attendance.objects.filter(session=session).count() == 2
    assert Session.objects.get(pk=session.pk).headcount == 3

    # The lead's figures now count the session, 2 named people and 3 more.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="Figures for each project").click()
    assert_accessible(page, "community-15-figures-index")
    page.get_by_role("link", name="Moseley Peer Network").click()
    expect(page.locator("[data-figure=sessions_run]")).to_have_text("1")
    expect(page.locator("[data-figure=named]")).to_have_text("2")
    expect(page.locator("[data-figure=headcount]")).to_have_text("3")
    expect(page.locator("[data-figure=total]")).to_have_text("5")
    expect(page.locator("[data-figure=new]")).to_have_text("2")
    expect(page.locator("[data-figure=volunteers]")).to_have_text("1")
    assert_accessible(page, "community-16-figures")

    # The drop-in is in the public directory, with its own page.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    page.goto(f"{base}/community/find/?day={today.weekday()}")
    page.get_by_role("link", name="Thursday drop-in").click()
    expect(page.get_by_text("Just turn up")).to_be_visible()
    assert_accessible(page, "community-17-public-activity")


@pytest.mark.django_db(transaction=True)
def test_public_directory_search_with_a_bad_postcode(live_server: LiveServer, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/community/find/")
    page.get_by_label("Near a postcode").fill("SW1A 1AA")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a Birmingham postcode")
    assert_accessible(page, "community-18-public-directory-error")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()
