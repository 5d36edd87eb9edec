"""Given a debt advice service in the resource hub, when a worker signposts a member to it (the
follow-up due in a week, and brought forward to today for the test), the member answers "did you
get there?" on a 375px phone, and the worker looks again, then the worker sees the answer and no
follow-up is left on their Today. A visitor finds the service in the public hub by topic and
postcode. Every page passes axe."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.test_outcomes_journey import sign_in
from hub.models import Category, Signposting
from hub.tests.factories import OrganisationFactory, ResourceFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory


@pytest.mark.django_db(transaction=True)
def test_worker_signposts_member_answers_on_a_phone_worker_sees_the_outcome(live_server, page: Page, browser: Browser) -> None:  # type: ignore[no-untyped-def]
    ResourceFactory(
        name="Free debt advice", category=Category.DEBT_MONEY, organisation=OrganisationFactory(name="Money Matters Birmingham")
    )
    ResourceFactory(name="Carers hub", category=Category.CARERS, postcode="B27 6QA", latitude=None, longitude=None)
    worker = UserFactory(role=Role.STR_WORKER, username="sam", first_name="Sam")
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    member = UserFactory(role=Role.MEMBER, username="alex", first_name="Alex")
    person = PersonFactory(given_name="Alex", family_name="Rowe", user=member)
    CaseloadEntryFactory(person=person, worker=worker)

    # A visitor finds debt advice near B13 in the public hub.
    page.goto(f"{live_server.url}/resources/")
    expect(page.get_by_role("heading", name="Find help and support")).to_be_visible()
    assert_accessible(page, "hub-01-public")
    page.get_by_label("Debt and money").check()
    page.get_by_label("Near a postcode").fill("B13 9AB")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 service found near B13")).to_be_visible()
    page.get_by_text("Show these on a map").click()
    expect(page.get_by_role("img", name="Map of Birmingham with the services on this page")).to_be_visible()
    assert_accessible(page, "hub-02-public-search-with-map")

    # The worker signposts Alex.
    sign_in(page, live_server.url, "sam", device)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    page.get_by_role("link", name="Signposting, and whether they got there").click()
    assert_accessible(page, "hub-03-person-signposting")
    page.get_by_role("link", name="Record signposting").click()
    page.get_by_label("Where to").select_option(label="Free debt advice (Money Matters Birmingham)")
    page.get_by_label("Why (optional)").fill("Letters from the energy company")
    page.get_by_label("Warm handover (I introduced them)").check()
    page.get_by_label("In 1 week").check()
    assert_accessible(page, "hub-04-signpost-form")
    page.get_by_role("button", name="Save signposting").click()
    expect(page.get_by_text("Signposting recorded")).to_be_visible()
    assert_accessible(page, "hub-05-signposted")
    # A week passes.
    Signposting.objects.filter(person=person).update(follow_up_due=timezone.localdate() - datetime.timedelta(days=1))
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Signposting follow-ups due: did they get there?")).to_be_visible()
    assert_accessible(page, "hub-06-worker-today")

    # Alex answers on a 375px phone.
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    sign_in(phone, live_server.url, "alex")
    phone.goto(f"{live_server.url}/my/")
    phone.get_by_role("link", name="Tell us how it went").click()
    assert_accessible(phone, "hub-07-member-list-375px")
    phone.get_by_role("link", name="Did you get there? Free debt advice").click()
    phone.get_by_role("button", name="Send answer").click()
    expect(phone.get_by_role("alert")).to_contain_text("Choose an answer")
    assert_accessible(phone, "hub-08-member-answer-error-375px")
    phone.get_by_label("Yes, I got there").check()
    phone.get_by_role("button", name="Send answer").click()
    expect(phone.get_by_text("Your answer has been saved")).to_be_visible()
    assert_accessible(phone, "hub-09-member-answered-375px")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at 375px"
    context.close()

    # The worker sees the answer; nothing is left to follow up.
    page.goto(f"{live_server.url}/people/{person.pk}/signposting/")
    expect(page.get_by_text("Yes, I got there")).to_be_visible()
    assert_accessible(page, "hub-10-worker-sees-answer")
    page.goto(f"{live_server.url}/signposting/follow-ups/")
    expect(page.get_by_text("No follow-ups are due.")).to_be_visible()
