"""A member's own pages, on a 320px phone: a worker invites them; they set a password from the
emailed link, update a goal (keyboard only), change their WRAP, complete a questionnaire, send
feedback and download their record. Every page passes axe."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from outcomes import services as outcome_services
from outcomes.models import Instrument
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from plans.documents import Kind
from plans.models import GoalProgress, PlanVersion
from plans.tests.factories import make_plan
from portal.models import RecordDownload

PASSWORD = "purple kettle under the stairs"  # noqa: S105  (a test password)


def _tab_to(page: Page, name: str) -> None:
    """Press Tab until the form control called `name` has the focus."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"Could not reach {name} with the keyboard")


@pytest.mark.django_db(transaction=True)
def test_member_invited_updates_goal_wrap_measure_feedback_and_downloads(
    live_server: LiveServer, page: Page, phone: Page, tmp_path: Path
) -> None:
    base = live_server.url
    call_command("load_instruments", verbosity=0)
    wording = tmp_path / "swemwbs-wording.json"
    wording.write_text(
        json.dumps({"instrument": "SWEMWBS", "items": [{"link_id": str(n), "text": f"Synthetic test statement {n}"} for n in range(1, 8)]})
    )
    call_command("load_instrument_wording", str(wording), verbosity=0)
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", email="alex@example.org")
    CaseloadEntryFactory.create(person=person, worker=worker)
    goal = make_plan(person, Kind.GOAL, by=worker, title="Go to the bike project")
    wrap = make_plan(person, Kind.WRAP, by=worker)

    # The worker invites Alex from their record.
    sign_in_through_pages(page, base, worker)
    page.goto(f"{base}/people/{person.pk}/")
    page.get_by_role("link", name="Invite to their own pages").click()
    assert_accessible(page, "portal-01-invite")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("We have emailed an invitation to alex@example.org")).to_be_visible()
    link = re.search(r"http://\S+/my/invitation/\S+/", str(mail.outbox[-1].body))
    assert link is not None
    person.refresh_from_db()
    outcome_services.start_measurement(by=worker, person=person, instrument=Instrument.objects.get(code="SWEMWBS"), send_to_member=True)

    # Alex opens the link on a small phone and chooses a password.
    phone.goto(link.group(0).replace("http://testserver", base))
    expect(phone.get_by_role("heading", name="Welcome, Alex")).to_be_visible()
    assert_accessible(phone, "portal-02-choose-password")
    phone.get_by_label("Choose a password").fill("too short")
    phone.get_by_label("Type the password again").fill("too short")
    phone.get_by_role("button", name="Save my password").click()
    expect(phone.get_by_role("alert")).to_contain_text("at least 15 characters")
    assert_accessible(phone, "portal-03-password-error")
    phone.get_by_label("Choose a password").fill(PASSWORD)
    phone.get_by_label("Type the password again").fill(PASSWORD)
    phone.get_by_role("button", name="Save my password").click()
    expect(phone.get_by_role("heading", name="Hello, Alex")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(phone, "portal-04-home")

    # Using only the keyboard, Alex says how their goal is going.
    phone.get_by_role("link", name="Go to the bike project").first.click()
    expect(phone.get_by_role("heading", name="Go to the bike project")).to_be_visible()
    assert_accessible(phone, "portal-05-goal")
    _tab_to(phone, "rating")
    phone.keyboard.press("7")
    _tab_to(phone, "note")
    phone.keyboard.type("I went twice and fixed a puncture")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Thank you. We have saved your progress")).to_be_visible()
    assert_accessible(phone, "portal-06-goal-saved")
    entry = GoalProgress.objects.get(goal=goal, recorded_by=person.user)
    assert entry.rating == 7 and entry.in_persons_words

    # Alex changes their WRAP; staff see a new version saved by Alex.
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Your WRAP (Wellness Recovery Action Plan)").click()
    assert_accessible(phone, "portal-07-wrap")
    phone.get_by_role("link", name="Change it").click()
    assert_accessible(phone, "portal-08-wrap-change")
    phone.get_by_label("Things that help me stay well").fill("Music, walking, fixing bikes")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("We have saved your changes")).to_be_visible()
    assert_accessible(phone, "portal-09-wrap-saved")
    newest = PlanVersion.objects.filter(document=wrap).order_by("-number").first()
    assert newest is not None and newest.saved_by == person.user and newest.author_role == Role.MEMBER

    # Alex fills in the questionnaire their worker sent.
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Questionnaires to fill in").click()
    assert_accessible(phone, "portal-10-questionnaires")
    phone.get_by_role("link", name="SWEMWBS").click()
    assert_accessible(phone, "portal-11-questionnaire")
    for n in range(1, 8):
        phone.get_by_role("group", name=f"{n}. Synthetic test statement {n}").get_by_label("4", exact=True).check()
    phone.get_by_role("button", name="Finish", exact=True).click()
    expect(phone.get_by_text("Thank you. You finished SWEMWBS")).to_be_visible()
    assert_accessible(phone, "portal-12-questionnaire-done")

    # Alex sends feedback.
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Tell us what you think").click()
    assert_accessible(phone, "portal-13-feedback")
    phone.get_by_label("Something went wrong (a complaint)").check()
    phone.get_by_label("Tell us in your own words").fill("The bus to the bike project is late")
    phone.get_by_role("button", name="Send").click()
    assert_accessible(phone, "portal-14-feedback-sent")

    # Alex sees who has looked at their record, and downloads a copy of it.
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Who has looked at your record").click()
    expect(phone.get_by_text("Sam (STR worker)").first).to_be_visible()
    assert_accessible(phone, "portal-15-who-has-looked")
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="What you agree to").click()
    phone.get_by_label("Contact me by text message").check()
    phone.get_by_role("button", name="Save my choices").click()
    expect(phone.get_by_text("We have saved your choices")).to_be_visible()
    assert_accessible(phone, "portal-15b-choices")
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Get a copy of your record").click()
    assert_accessible(phone, "portal-16-download")
    phone.get_by_role("button", name="Make my copy").click()
    expect(phone.get_by_role("heading", name="Your copy is ready")).to_be_visible()
    assert_accessible(phone, "portal-17-download-ready")
    with phone.expect_download() as pdf:
        phone.get_by_role("link", name="Download the PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with phone.expect_download() as data:
        phone.get_by_role("link", name="Download the data file (JSON)").click()
    assert json.loads(Path(data.value.path()).read_text())["person"] == str(person.pk)
    assert RecordDownload.objects.filter(person=person).count() == 1

    # The invitation link works once; a used link says so and offers a sign-in link by email.
    phone.context.clear_cookies()
    phone.goto(link.group(0).replace("http://testserver", base))
    expect(phone.get_by_text("This link has already been used")).to_be_visible()
    assert_accessible(phone, "portal-18-used-link")
    phone.get_by_role("link", name="Email me a new sign-in link").click()
    assert_accessible(phone, "portal-19-email-link")
    phone.get_by_label("Your email address").fill("alex@example.org")
    phone.get_by_role("button", name="Email me a link").click()
    expect(phone.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(phone, "portal-20-email-link-sent")
    sign_in_link = re.search(r"http://\S+/my/sign-in-link/\S+/", str(mail.outbox[-1].body))
    assert sign_in_link is not None
    phone.goto(sign_in_link.group(0).replace("http://testserver", base))
    assert_accessible(phone, "portal-21-link-sign-in")
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("heading", name="Hello, Alex")).to_be_visible()
