"""Given someone who needs support, when they refer themselves through the public form, a worker
triages the referral, a manager allocates it, and the worker records a first contact, a review
and the move-on, then every step works without an account until it needs one, and every page
passes axe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import fill_date
from enablement.models import Contact, Episode, MoveOn, Review
from referrals.models import Referral


def sign_in(page: Page, base: str, user: User, name: str) -> None:
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Security code").fill(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def answer(page: Page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


@pytest.mark.django_db(transaction=True)
def test_self_referral_to_move_on(live_server: LiveServer, browser: Browser, settings: Settings) -> None:
    settings.STAR_SELF_REFERRAL_MIN_SECONDS = 0
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam", last_name="Okafor")
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    base = live_server.url
    today = timezone.localdate()

    # Given someone who needs support, with no account: the public form.
    public = browser.new_context(viewport={"width": 1024, "height": 800}).new_page()
    public.goto(f"{base}/refer-yourself/")
    expect(public.get_by_role("heading", name="Ask for support")).to_be_visible()
    assert_accessible(public, "enablement-01-self-referral")
    public.get_by_label("First name").fill("Grace")
    public.get_by_label("Last name").fill("Hopper")
    public.get_by_label("Phone number (optional)").fill("07700 900123")
    public.get_by_label("What would you like help with?").fill("I have been low since I lost my job and I want to get out more.")
    public.get_by_role("button", name="Send").click()
    # Forgetting to agree gets a message that says what to do.
    expect(public.get_by_role("alert")).to_contain_text("Tick the box to say you agree")
    assert_accessible(public, "enablement-02-self-referral-error")
    public.get_by_label("I agree to the service keeping these details").check()
    public.get_by_role("button", name="Send").click()
    expect(public.get_by_role("heading", name="We have your request for support")).to_be_visible()
    expect(public.get_by_text("What happens next")).to_be_visible()
    assert_accessible(public, "enablement-03-self-referral-sent")
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.AWAITING_TRIAGE

    # When a worker triages it from the queue.
    page = browser.new_context(viewport={"width": 1024, "height": 800}).new_page()
    sign_in(page, base, worker, "Sam")
    assert_accessible(page, "enablement-04-worker-home")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Triage queue").click()
    expect(page.get_by_role("heading", name="Triage queue")).to_be_visible()
    assert_accessible(page, "enablement-05-triage-queue")
    page.get_by_role("link", name=re.compile(f"{referral.reference} for Grace Hopper")).click()
    expect(page.get_by_role("heading", name="Awaiting triage")).to_be_visible()
    assert_accessible(page, "enablement-06-referral")
    page.get_by_role("link", name="Triage this referral").click()
    assert_accessible(page, "enablement-07-triage-form")
    page.get_by_role("radio", name=re.compile("^2: Some complexity")).check()
    answer(page, "Is there a risk to themselves?", "No")
    answer(page, "Is there a risk to other people?", "No")
    answer(page, "Are they at risk from someone else?", "No")
    answer(page, "Have they been in crisis or in hospital in the last 3 months?", "No")
    page.get_by_label("1-to-1 enablement").check()
    page.get_by_role("button", name="Save the triage").click()
    expect(page.get_by_text(f"Referral {referral.reference} triaged")).to_be_visible()
    assert_accessible(page, "enablement-08-triaged")

    # And a manager allocates it to the worker, seeing each worker's caseload size.
    office = browser.new_context(viewport={"width": 1024, "height": 800}).new_page()
    sign_in(office, base, manager, "Morgan")
    office.goto(f"{base}/")
    office.get_by_role("link", name="Waiting list").click()
    expect(office.get_by_role("heading", name="Waiting list")).to_be_visible()
    assert_accessible(office, "enablement-09-waiting-list")
    office.get_by_role("link", name="Allocate Grace Hopper").click()
    assert_accessible(office, "enablement-10-allocate")
    office.get_by_label("Sam Okafor (0 people on their caseload)").check()
    office.get_by_role("button", name="Allocate").click()
    expect(office.get_by_text("Grace Hopper is allocated to Sam Okafor")).to_be_visible()
    assert_accessible(office, "enablement-11-episode-opened")
    episode = Episode.objects.get()

    # Then the worker finds them on their caseload and records the first contact.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My caseload").click()
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()
    assert_accessible(page, "enablement-12-caseload")
    page.get_by_role("link", name="Grace Hopper", exact=True).click()
    expect(page.get_by_role("heading", name="1-to-1 episode")).to_be_visible()
    assert_accessible(page, "enablement-13-episode")
    page.get_by_role("link", name="Record a contact").click()
    assert_accessible(page, "enablement-14-contact-form")
    fill_date(page, "Date of the contact", today)
    page.get_by_label("Start time").fill("00:00")
    page.get_by_label("How many minutes?").fill("60")
    page.get_by_label("Community outing").check()
    page.get_by_label("Where? (optional)").fill("Cannon Hill Park")
    page.get_by_label("What did you do together?").fill("Walked round the park; talked about the walking group")
    page.get_by_role("button", name="Save the contact").click()
    expect(page.get_by_text("Contact recorded")).to_be_visible()
    expect(page.get_by_text("1 hour").first).to_be_visible()
    assert_accessible(page, "enablement-15-contact-recorded")

    # With the person, the worker writes a one-page profile and a first goal.
    person_url = f"{base}/people/{episode.person_id}/"
    page.goto(person_url)
    expect(page.get_by_role("link", name=re.compile("1-to-1 episode with Sam Okafor started"))).to_be_visible()
    page.get_by_role("link", name="Plans: profile, PATH, goals, WRAP and crisis plan").click()
    assert_accessible(page, "enablement-15a-plans")
    page.get_by_role("link", name=re.compile(r"Start it\s*: one-page profile")).click()
    page.get_by_label("What people like and admire about me").fill("Kind, and very good with numbers")
    page.get_by_label("What is important to me").fill("My garden\nSeeing my grandchildren on Sundays")
    page.get_by_label("How best to support me").fill("Give me time to answer; meet outdoors")
    page.get_by_role("button", name="Save").click()
    assert_accessible(page, "enablement-15b-profile-saved")
    page.get_by_role("link", name="All plans for Grace Hopper").click()
    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("Goal", exact=True).fill("Join the Tuesday walking group")
    page.get_by_label("Steps").fill("Find the meeting point\nGo once with Sam")
    page.get_by_role("group", name="Who owns this goal").get_by_label("The person").check()
    fill_date(page, "Target date", today + datetime.timedelta(days=42))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Join the Tuesday walking group").first).to_be_visible()
    assert_accessible(page, "enablement-15c-goal-added")
    page.goto(f"{base}/enablement/episodes/{episode.pk}/")

    # A review.
    page.get_by_role("link", name="Record a review").click()
    assert_accessible(page, "enablement-16-review-form")
    fill_date(page, "Date of the review", today)
    page.get_by_label("Who took part?").fill("Grace and Sam")
    page.get_by_label("What is working?").fill("Getting out each week")
    page.get_by_label("Progress on each goal").fill("Has been to the walking group twice")
    page.get_by_label("What does the person think?").fill("I feel more like myself")
    page.get_by_label("Continue as planned").check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Review recorded")).to_be_visible()
    assert_accessible(page, "enablement-17-review-recorded")

    # The move-on.
    page.get_by_role("link", name="End the episode").click()
    assert_accessible(page, "enablement-18-move-on-form")
    fill_date(page, "Date the episode ended", today)
    page.get_by_label("A user-led project or group").check()
    page.get_by_label("Why is the episode ending?").fill("Goals met; ready to carry on with the group")
    page.get_by_label("Drop-in or group they will go to").fill("Tuesday walking group, Cannon Hill Park")
    page.get_by_role("button", name="End the episode").click()
    expect(page.get_by_role("heading", name="Moving on")).to_be_visible()
    assert_accessible(page, "enablement-19-moved-on")

    # The person's page tells the whole story.
    page.get_by_role("link", name="Go to Grace Hopper's record").click()
    expect(page.get_by_text("Moved on: a user-led project or group")).to_be_visible()
    expect(page.get_by_text(f"Referral {referral.reference} received")).to_be_visible()
    assert_accessible(page, "enablement-20-person-timeline")

    episode.refresh_from_db()
    assert episode.status == Episode.Status.ENDED
    assert Contact.objects.count() == 1 and Review.objects.count() == 1 and MoveOn.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_staff_referral_matched_to_an_existing_record(live_server: LiveServer, page: Page) -> None:
    """Given a person already on the worker's caseload, when the worker records a referral with
    their name, then the possible match is offered and choosing it avoids a second record."""
    from people.tests.factories import CaseloadEntryFactory, PersonFactory

    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    ada = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory.create(person=ada, worker=worker)
    sign_in(page, live_server.url, worker, "Sam")
    page.goto(f"{live_server.url}/referrals/new/")
    assert_accessible(page, "enablement-21-staff-referral")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("GP", exact=True).check()
    fill_date(page, "Date the referral was received", timezone.localdate())
    page.get_by_label("Reason, in the referrer's words").fill("Isolated since moving house")
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_role("group", name="Who is this referral for?")).to_be_visible()
    # Consent was not ticked: a specific message, and nothing saved.
    expect(page.get_by_role("alert")).to_contain_text("The person must agree to be referred")
    assert_accessible(page, "enablement-22-staff-referral-matches")
    page.get_by_label("The person agrees to this referral").check()
    page.get_by_role("radio", name=re.compile("^Ada Lovelace")).check()
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_text("It is in the triage queue")).to_be_visible()
    assert_accessible(page, "enablement-23-staff-referral-recorded")
    assert Referral.objects.get().person == ada
