"""Coproduction journeys: an idea from the public shapes a decision that is published on "You said,
we did"; a member's complaint is tracked to a response. Every page passes axe."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from browser_tests.conftest import assert_accessible
from involvement.models import ComplaintStatus, Decision, Feedback, InvolvementActivity
from involvement.tests.factories import ThemeFactory
from people.tests.factories import PersonFactory


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(page: Page, base: str, user: User, device: TOTPDevice | None = None) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if device is None and user.requires_two_factor:  # every staff role
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Phone", confirmed=True
        )
    if device is not None:
        page.get_by_label("Security code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("Hello"))).to_be_visible()


def sign_out(page: Page) -> None:
    # The header's "Sign out" form has no CSRF token in the foundation (reported), so end the
    # browser session instead.
    page.context.clear_cookies()


def a_manager() -> tuple[User, TOTPDevice]:
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    return manager, TOTPDevice.objects.create(user=manager, name="Phone", confirmed=True)


@pytest.mark.django_db(transaction=True)
def test_a_public_idea_becomes_a_published_you_said_we_did(live_server: LiveServer, page: Page, settings: Settings) -> None:
    settings.STAR_PUBLIC_FORM_MINIMUM_SECONDS = 0
    base = live_server.url
    manager, device = a_manager()
    member = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    ThemeFactory.create(name="Drop-ins and groups")  # transactional tests empty the migration's themes

    # Given a member of the public with an idea, when they send it through the public form…
    page.goto(f"{base}/feedback/")
    expect(page.get_by_role("heading", name="Tell us what you think")).to_be_visible()
    assert_accessible(page, "involvement-01-public-form")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Select what you would like to tell us")
    assert_accessible(page, "involvement-02-public-form-errors")
    page.get_by_label("An idea to make things better").check()
    page.get_by_label("What is it about?").select_option(label="Drop-ins and groups")
    page.get_by_label("Tell us in your own words").fill("Could the Tuesday drop-in open in the morning?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    idea = Feedback.objects.get()
    expect(page.get_by_text(idea.reference)).to_be_visible()
    assert_accessible(page, "involvement-03-thank-you")

    # …then a manager records the steering group meeting where it was discussed…
    sign_in(page, base, manager, device)
    assert_accessible(page, "involvement-04-manager-home")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Involvement").click()
    expect(page.get_by_role("heading", name="Involvement activities")).to_be_visible()
    assert_accessible(page, "involvement-05-activities")
    page.get_by_role("link", name="Record an activity").click()
    assert_accessible(page, "involvement-06-activity-form")
    page.get_by_label("Steering group meeting").check()
    page.get_by_label("Name of the activity").fill("Steering group, March")
    date = page.get_by_role("group", name="Date")
    date.get_by_label("Day").fill("5")
    date.get_by_label("Month").fill("3")
    date.get_by_label("Year").fill("2026")
    page.get_by_label("What was it for?").fill("Review ideas from members")
    page.get_by_label("Hybrid (in person and online)").check()
    page.get_by_label("Languages used").fill("English, Urdu")
    page.get_by_label("Members who took part but are not named here").fill("4")
    page.get_by_label("What came of it").fill("Agreed to open the Tuesday drop-in at 10am")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Steering group, March")).to_be_visible()
    assert_accessible(page, "involvement-07-activity")
    page.get_by_role("link", name="Add a member who took part").click()
    page.get_by_label("Name of the member").fill("Lovelace")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("button", name="Add Ada Lovelace")).to_be_visible()
    assert_accessible(page, "involvement-08-participant-search")
    page.get_by_role("button", name="Add Ada Lovelace").click()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    assert_accessible(page, "involvement-09-participant-added")
    meeting = InvolvementActivity.objects.get()
    assert list(meeting.participants.values_list("person", flat=True)) == [member.pk]

    # …logs a decision linked to the idea and the meeting, and publishes it…
    page.goto(f"{base}/involvement/decisions/")
    assert_accessible(page, "involvement-10-decision-log")
    page.get_by_role("link", name="Log a decision").click()
    page.get_by_label("What was decided, in a few words").fill("Tuesday drop-in opens in the morning")
    page.get_by_label("What was decided", exact=True).fill("Open the Tuesday drop-in from 10am")
    page.get_by_label("Why").fill("Members said afternoons were hard")
    decided = page.get_by_role("group", name="Date decided")
    decided.get_by_label("Day").fill("5")
    decided.get_by_label("Month").fill("3")
    decided.get_by_label("Year").fill("2026")
    page.get_by_label("Steering group", exact=True).check()
    page.get_by_label(re.compile("Steering group, March, ")).check()
    page.get_by_label(re.compile(f"{idea.reference} idea")).check()
    page.get_by_label("You said").fill("The Tuesday drop-in should start earlier.")
    page.get_by_label("We did").fill("It now opens at 10am.")
    assert_accessible(page, "involvement-11-decision-form")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_role("heading", name="Tuesday drop-in opens in the morning")).to_be_visible()
    assert_accessible(page, "involvement-12-decision")
    page.get_by_role("button", name=re.compile("Publish")).click()
    expect(page.get_by_text("Published on the “You said, we did” page")).to_be_visible()
    assert_accessible(page, "involvement-13-published")
    decision = Decision.objects.get()
    assert list(decision.feedback.all()) == [idea] and list(decision.activities.all()) == [meeting]

    # …and it appears on the public "You said, we did" page, with no personal data.
    sign_out(page)
    page.goto(f"{base}/you-said-we-did/")
    expect(page.get_by_role("heading", name="Tuesday drop-in opens in the morning")).to_be_visible()
    expect(page.get_by_text("It now opens at 10am.")).to_be_visible()
    body = page.content()
    assert "Lovelace" not in body and idea.reference not in body and "Could the Tuesday" not in body
    assert_accessible(page, "involvement-14-you-said-we-did")


@pytest.mark.django_db(transaction=True)
def test_a_members_complaint_is_tracked_to_a_response(live_server: LiveServer, page: Page) -> None:
    base = live_server.url
    manager, device = a_manager()
    member_user = UserFactory.create(role=Role.MEMBER, username="alex", first_name="Alex")
    PersonFactory.create(given_name="Alex", family_name="Rowe", user=member_user)

    # A member tells us something went wrong, from their own pages.
    sign_in(page, base, member_user)
    assert_accessible(page, "involvement-20-member-home")
    page.get_by_role("link", name="Tell us what you think").click()
    assert_accessible(page, "involvement-21-member-feedback")
    page.get_by_label("Something went wrong (a complaint)").check()
    page.get_by_label("Tell us in your own words").fill("Nobody rang me back <script>alert(1)</script>")
    page.get_by_role("button", name="Send").click()
    complaint = Feedback.objects.get()
    expect(page.get_by_text(f"Your reference is {complaint.reference}")).to_be_visible()
    expect(page.get_by_text("Status: Received")).to_be_visible()
    assert_accessible(page, "involvement-22-member-feedback-sent")
    sign_out(page)

    # The manager acknowledges, investigates and responds; each step is history.
    sign_in(page, base, manager, device)
    page.goto(f"{base}/involvement/feedback/")
    assert_accessible(page, "involvement-23-feedback-list")
    page.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_text("Nobody rang me back <script>alert(1)</script>")).to_be_visible()  # shown as text
    assert_accessible(page, "involvement-24-complaint")
    for step, label in (("acknowledged", "Acknowledged"), ("investigating", "Investigating"), ("responded", "Responded")):
        page.get_by_label(label, exact=True).check()
        page.get_by_label("Note (optional)").fill(f"Marked {step}")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"is now {step}")).to_be_visible()
        assert_accessible(page, f"involvement-25-complaint-{step}")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESPONDED
    assert list(complaint.status_changes.values_list("to_status", flat=True)) == ["received", "acknowledged", "investigating", "responded"]

    page.get_by_role("link", name="Back to feedback and complaints").click()
    page.get_by_role("link", name="Figures", exact=True).click()
    expect(page.get_by_role("heading", name="Involvement figures")).to_be_visible()
    assert_accessible(page, "involvement-26-figures")


@pytest.mark.django_db(transaction=True)
def test_the_public_form_fits_a_small_phone(live_server: LiveServer, phone: Page) -> None:
    for path, name in (("/feedback/", "involvement-30-public-form-320px"), ("/you-said-we-did/", "involvement-31-you-said-we-did-320px")):
        phone.goto(f"{live_server.url}{path}")
        assert_accessible(phone, name)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
