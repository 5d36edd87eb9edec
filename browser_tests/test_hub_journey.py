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
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from browser_tests.test_outcomes_journey import sign_in
from hub.models import Category, Signposting
from hub.tests.factories import OrganisationFactory, ResourceFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory


@pytest.mark.django_db(transaction=True)
def test_worker_signposts_member_answers_on_a_phone_worker_sees_the_outcome(live_server: LiveServer, page: Page, browser: Browser) -> None:
    ResourceFactory.create(
        name="Free debt advice", category=Category.DEBT_MONEY, organisation=OrganisationFactory.create(name="Money Matters Birmingham")
    )
    ResourceFactory.create(name="Carers hub", category=Category.CARERS, postcode="B27 6QA", latitude=None, longitude=None)
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    member = UserFactory.create(role=Role.MEMBER, username="alex", first_name="Alex")
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)
    CaseloadEntryFactory.create(person=person, worker=worker)

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
    page.goto(f"{live_server.url}/hub/people/{person.pk}/signposting/")
    expect(page.get_by_text("Yes, I got there")).to_be_visible()
    assert_accessible(page, "hub-10-worker-sees-answer")
    page.goto(f"{live_server.url}/hub/signposting/follow-ups/")
    expect(page.get_by_text("No follow-ups are due.")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_manager_adds_a_partner_feed_and_a_visitor_prints_a_debt_service_on_a_phone(
    live_server: LiveServer, page: Page, browser: Browser
) -> None:
    """Given a partner's Open Referral UK directory served on loopback from fixture data (records
    valid against the ORUK 3.0 schema; STaR's own API can't be used here, as the test server
    would have to answer itself inside the manager's request), when a manager adds it, then its services appear in the hub
    with their source and licence. A visitor on a 375px phone opens a debt service, sees its
    eligibility, cost, hours, access and languages and the "Print this page" link (and the page
    made ready to print without JavaScript); printed, the page has no navigation and no map. A
    member saves the service to their own pages. Every page passes axe."""
    from pathlib import Path

    from browser_tests.conftest import SCREENSHOTS
    from browser_tests.helpers import sign_in_through_pages
    from hub.tests.test_feeds import FixtureFeed, service

    partner = FixtureFeed()
    partner.pages = [[service(1, name="Tuesday evening drop-in"), service(2, name="Benefits clinic")]]
    debt = ResourceFactory.create(
        name="Free debt advice",
        category=Category.DEBT_MONEY,
        organisation=OrganisationFactory.create(name="Money Matters Birmingham"),
        eligibility="Adults in Birmingham with debts or money worries",
        cost="Free",
        opening_times="Monday to Thursday, 9:30am to 4:30pm",
        languages="English, Urdu, Punjabi",
        access_features=["step_free", "hearing_loop", "quiet_space"],
        website="https://money-matters.example.org/debt",
    )
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    member = UserFactory.create(role=Role.MEMBER, username="alex", first_name="Alex")
    PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)

    # The manager adds the directory; it is read at once.
    sign_in_through_pages(page, live_server.url, manager)
    page.goto(f"{live_server.url}/hub/feeds/")
    page.get_by_label("Name of the directory").fill("Moseley partners' directory")
    page.get_by_label("Address of the feed").fill(partner.url)
    page.get_by_label("Licence and attribution").fill("Open Government Licence v3.0, Moseley partners")
    page.get_by_role("button", name="Add and read it").click()
    expect(page.get_by_text("Moseley partners' directory added and read")).to_be_visible()
    expect(page.get_by_text("2 services read, 0 no longer listed")).to_be_visible()
    assert_accessible(page, "hub-11-feed-added")

    # Its services are in the public hub, with where they came from.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/resources/?q=Tuesday+evening")
    visitor.get_by_role("link", name="Tuesday evening drop-in").click()
    expect(visitor.get_by_text("From Moseley partners' directory (Open Government Licence v3.0, Moseley partners)")).to_be_visible()
    assert_accessible(visitor, "hub-12-feed-service-page")
    visitor.context.close()

    # A visitor on a phone finds the debt service and sees the print link.
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/resources/?category=debt_money")
    expect(phone.get_by_role("link", name="Print this page")).to_be_visible()
    phone.get_by_role("link", name="Free debt advice").click()
    expect(phone.get_by_role("heading", name="Free debt advice")).to_be_visible()
    for text in ("Adults in Birmingham with debts", "Monday to Thursday", "Hearing loop", "English, Urdu, Punjabi"):
        expect(phone.get_by_text(text)).to_be_visible()
    print_link = phone.get_by_role("link", name="Print this page")
    expect(print_link).to_be_visible()
    assert print_link.get_attribute("href") == f"/resources/{debt.pk}/?print=1"
    assert_accessible(phone, "hub-13-debt-service-375px")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at 375px"
    # Printed: no header navigation, no print link; the page's address written at the foot.
    phone.emulate_media(media="print")
    expect(phone.locator("header.nhsuk-header")).to_be_hidden()
    expect(print_link).to_be_hidden()
    expect(phone.get_by_text("Printed from")).to_be_visible()
    Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(Path(SCREENSHOTS) / "hub-14-debt-service-printed-375px.png"), full_page=True)
    phone.emulate_media(media="screen")
    context.close()

    # Without JavaScript the link opens the page ready to print, and says how.
    no_js = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740}).new_page()
    no_js.goto(f"{live_server.url}/resources/{debt.pk}/")
    no_js.get_by_role("link", name="Print this page").click()
    expect(no_js.get_by_text("Use your browser's print")).to_be_visible()
    no_js.screenshot(path=str(Path(SCREENSHOTS) / "hub-15-ready-to-print-no-js-375px.png"), full_page=True)
    no_js.context.close()
    # A results list printed: the map is hidden and each service's address is written out.
    page.goto(f"{live_server.url}/resources/?category=debt_money&postcode=B13&within=5")
    page.emulate_media(media="print")
    expect(page.locator(".star-hub-map-details")).to_be_hidden()
    expect(page.get_by_label("Search", exact=True)).to_be_hidden()
    page.screenshot(path=str(Path(SCREENSHOTS) / "hub-16-results-printed.png"), full_page=True)
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/resources/{debt.pk}/?print=1")
    assert_accessible(page, "hub-15b-ready-to-print")

    # A member saves it to their own pages.
    page = browser.new_context().new_page()  # the member's own browser
    sign_in(page, live_server.url, "alex")
    page.goto(f"{live_server.url}/resources/{debt.pk}/")
    page.get_by_role("button", name="Save to my pages").click()
    expect(page.get_by_text("Free debt advice is in your saved resources")).to_be_visible()
    page.goto(f"{live_server.url}/my/")
    page.get_by_role("link", name="my saved resources").click()
    expect(page.get_by_role("link", name="Free debt advice")).to_be_visible()
    assert_accessible(page, "hub-17-my-saved-resources")
    partner.server.shutdown()
    partner.server.server_close()


@pytest.mark.django_db(transaction=True)
def test_a_volunteer_signposts_at_a_drop_in_and_the_follow_up_comes_due_for_the_worker(
    live_server: LiveServer, page: Page, browser: Browser
) -> None:
    """Given a drop-in with Alex marked here, when the volunteer on the rota records on a 375px phone
    that they pointed Alex to a debt service (only who, where and how), then Alex's worker finds the
    follow-up due on their list once two weeks have passed, and the worker's warm referral by email
    to another service carries only what Alex agreed to share. Every page passes axe."""
    from django.core import mail

    from community.tests.factories import ActivityFactory, AttendanceFactory, MembershipFactory, SessionFactory, SessionRosterFactory

    ResourceFactory.create(name="Free debt advice", organisation=OrganisationFactory.create(name="Money Matters Birmingham"))
    ResourceFactory.create(
        name="Carers hub", email="intake@carers.example.org", organisation=OrganisationFactory.create(name="Carers Together")
    )
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    volunteer = UserFactory.create(role=Role.VOLUNTEER, username="kit", first_name="Kit")
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", phone="07700 900321")
    CaseloadEntryFactory.create(person=person, worker=worker)
    session = SessionFactory.create(activity=ActivityFactory.create(name="Tuesday drop-in"))
    SessionRosterFactory.create(session=session, user=volunteer)
    MembershipFactory.create(project=session.activity.project, person=person)
    AttendanceFactory.create(session=session, person=person)

    # The volunteer, on a 375px phone, records signposting from the register.
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    sign_in_through_pages(phone, live_server.url, volunteer)
    phone.goto(f"{live_server.url}/community/registers/{session.pk}/")
    phone.get_by_role("link", name="Record signposting").click()
    expect(phone.get_by_label("Why (optional)")).to_have_count(0)
    phone.get_by_role("button", name="Save signposting").click()
    expect(phone.get_by_role("alert")).to_contain_text("Choose who you signposted")
    assert_accessible(phone, "hub-11-volunteer-signpost-error-375px")
    phone.get_by_label("Alex").check()
    phone.get_by_label("Where to").select_option(label="Free debt advice (Money Matters Birmingham)")
    phone.get_by_label("Gave them the details").check()
    assert_accessible(phone, "hub-12-volunteer-signpost-375px")
    phone.get_by_role("button", name="Save signposting").click()
    expect(phone.get_by_text("Recorded: Alex was pointed to Free debt advice")).to_be_visible()
    assert_accessible(phone, "hub-13-volunteer-back-on-the-register-375px")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at 375px"
    context.close()
    signposting = Signposting.objects.get(person=person)
    assert signposting.signposted_by == volunteer and signposting.at_session == session and signposting.reason == ""

    # Two weeks pass: the follow-up is due on the worker's list.
    Signposting.objects.filter(pk=signposting.pk).update(follow_up_due=timezone.localdate() - datetime.timedelta(days=1))
    sign_in_through_pages(page, live_server.url, worker)
    page.goto(f"{live_server.url}/hub/signposting/follow-ups/")
    expect(page.get_by_text("at a drop-in by Kit")).to_be_visible()
    assert_accessible(page, "hub-14-worker-follow-ups-from-a-drop-in")

    # The worker signposts Alex to a carers' service with a warm referral: name and phone only.
    page.goto(f"{live_server.url}/hub/people/{person.pk}/signposting/new/")
    page.get_by_label("Where to").select_option(label="Carers hub (Carers Together)")
    page.get_by_label("Why (optional)").fill("Looks after her father")
    page.get_by_label("Warm handover (I introduced them)").check()
    page.get_by_label("Send a warm referral by email to the organisation").check()
    page.get_by_label("Their name").check()
    page.get_by_label("Their phone number").check()
    page.get_by_label("They agreed to this email, and to sharing what is ticked").check()
    assert_accessible(page, "hub-15-warm-referral-form")
    page.get_by_role("button", name="Save signposting").click()
    expect(page.get_by_text("Warm referral emailed to intake@carers.example.org")).to_be_visible()
    assert_accessible(page, "hub-16-warm-referral-sent")
    [email] = [sent for sent in mail.outbox if sent.to == ["intake@carers.example.org"]]
    assert "Alex Rowe" in email.body and "07700 900321" in email.body and "father" not in email.body


@pytest.mark.django_db(transaction=True)
def test_where_tiles_are_configured_a_visitor_moves_and_zooms_the_map_on_a_phone(
    live_server: LiveServer, page: Page, settings: Settings
) -> None:
    """Given a deployment with a tile server (here the live server itself, on loopback), when a
    visitor on a 375px phone opens "Show these on a map", then a map they can move and zoom shows
    the page's numbered services over the tiles, the drawn picture gives way to it, and axe passes."""
    settings.STAR_MAP_TILES_URL = f"{live_server.url}/static/vendor/leaflet/images/layers.png?z={{z}}&x={{x}}&y={{y}}"
    ResourceFactory.create(name="Free debt advice", category=Category.DEBT_MONEY)
    ResourceFactory.create(name="Money advice by phone", category=Category.DEBT_MONEY, postcode="B27 6QA", latitude=None, longitude=None)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/resources/?category=debt_money")
    expect(page.get_by_role("heading", name="2 services found")).to_be_visible()
    page.get_by_text("Show these on a map").click()
    live = page.locator("#hub-live-map")
    expect(live).to_be_visible()
    expect(page.locator(".star-hub-live-marker")).to_have_count(2)
    expect(page.locator("img.leaflet-tile-loaded").first).to_be_attached()
    expect(page.get_by_role("img", name="Map of Birmingham with the services on this page")).to_be_hidden()
    page.locator(".star-hub-live-marker").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("1. ")
    assert_accessible(page, "hub-live-map-375")
