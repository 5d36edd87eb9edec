"""Safe to work from: the worker sees Margaret's summary on every page about her and reaches her
contact form in one click from home; a member on a 320px phone taps "If you need help now" and
gets a number to dial; a visitor at / reaches self-referral and crisis places in two clicks.
Every page passes axe."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from community.models import CrisisOpening, CrisisPlace, CrisisPlaceKind
from enablement.models import Episode
from enablement.tests.factories import EpisodeFactory
from outcomes.loading import load_shipped_instruments
from outcomes.models import Instrument, Measurement
from outcomes.tests.factories import MeasurementFactory
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from plans.documents import Kind
from plans.tests.factories import make_plan
from safeguarding.tests.factories import RiskAssessmentFactory, SafeguardingConcernFactory

SUMMARY = ("Open concern: financial", "Review overdue since", "Latest PHQ-9 20 (severe)")


def _margaret(worker: User) -> tuple[Person, Episode]:
    load_shipped_instruments()
    person = PersonFactory.create(given_name="Margaret", family_name="Holmes", preferred_name="")
    CaseloadEntryFactory.create(person=person, worker=worker)
    SafeguardingConcernFactory.create(person=person, raised_by=worker)
    RiskAssessmentFactory.create(person=person, review_due=timezone.localdate() - datetime.timedelta(days=5), assessed_by=worker)
    phq9 = Instrument.objects.get(code="PHQ9")
    MeasurementFactory.create(
        person=person,
        instrument=phq9,
        status=Measurement.Status.COMPLETE,
        answers={str(n): 2 for n in range(1, 9)} | {"9": 2},
        score=Decimal(20),
        raw_score=Decimal(20),
        band="Severe",
        completed_at=timezone.now(),
        created_by=worker,
    )
    make_plan(person, Kind.CRISIS, by=worker)
    return person, EpisodeFactory.create(person=person, worker=worker)


def _sees_summary(page: Page, name: str) -> None:
    summary = page.get_by_role("region", name="What to know")
    for text in SUMMARY:
        expect(summary).to_contain_text(text)
    assert_accessible(page, name)


@pytest.mark.django_db(transaction=True)
def test_worker_sees_margarets_summary_everywhere_and_records_a_contact_from_home(
    live_server: LiveServer, page: Page, browser: Browser
) -> None:
    base = live_server.url
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    person, episode = _margaret(worker)
    sign_in_through_pages(page, base, worker)

    # One click from home to her contact form, with the summary at the top.
    # From "People needing attention" at the top of Today (the caseload below has the same link).
    page.get_by_role("list", name="People needing attention").get_by_role("link", name="Record a contact with Margaret Holmes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("contact")
    _sees_summary(page, "safe-contact-form")

    page.goto(f"{base}/people/{person.pk}/")
    _sees_summary(page, "safe-person-page")
    expect(page.get_by_role("link", name="Record a contact")).to_be_visible()
    for path, name in (
        (f"/enablement/episodes/{episode.pk}/", "safe-episode"),
        (f"/plans/{person.pk}/", "safe-plans"),
        (f"/outcomes/people/{person.pk}/", "safe-outcomes"),
        (f"/safeguarding/{person.pk}/", "safe-safeguarding"),
    ):
        page.goto(f"{base}{path}")
        _sees_summary(page, name)

    # The person page on a 375px phone.
    small = browser.new_context(viewport={"width": 375, "height": 800}, storage_state=page.context.storage_state())
    narrow = small.new_page()
    narrow.goto(f"{base}/people/{person.pk}/")
    _sees_summary(narrow, "safe-person-page-375")
    small.close()


@pytest.mark.django_db(transaction=True)
def test_member_on_a_small_phone_taps_help_now_and_gets_a_number(live_server: LiveServer, phone: Page) -> None:
    base = live_server.url
    member = UserFactory.create(role=Role.MEMBER, username="alex")
    PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)
    sign_in_through_pages(phone, base, member)
    assert_accessible(phone, "safe-member-home-320")
    phone.get_by_text("If you need help now").click()
    call = phone.get_by_role("link", name="Call NHS 111, option 2")
    expect(call).to_be_visible()
    assert call.get_attribute("href") == "tel:111"
    assert phone.get_by_role("link", name="Call Samaritans: 116 123").get_attribute("href") == "tel:116123"
    assert_accessible(phone, "safe-member-help-now-320")


@pytest.mark.django_db(transaction=True)
def test_visitor_reaches_self_referral_and_crisis_places_in_two_clicks(live_server: LiveServer, page: Page) -> None:
    base = live_server.url
    cafe = CrisisPlace.objects.create(kind=CrisisPlaceKind.SANCTUARY, name="Night Light crisis café", phone="0121 496 0311")
    CrisisOpening.objects.bulk_create(
        CrisisOpening(place=cafe, weekday=day, opens_at=datetime.time(20), closes_at=datetime.time(2)) for day in range(7)
    )
    page.goto(f"{base}/")
    assert_accessible(page, "safe-front-page")
    page.get_by_role("main").get_by_role("link", name="Ask for support").click()
    expect(page).to_have_url(f"{base}/refer-yourself/")
    assert_accessible(page, "safe-self-referral")
    page.get_by_role("link", name="Need help now? Phone numbers and places open now").click()
    expect(page.get_by_role("heading", level=3, name="Night Light crisis café")).to_be_visible()
    assert page.get_by_role("link", name="Call Night Light crisis café: 0121 496 0311").get_attribute("href") == "tel:01214960311"
    assert_accessible(page, "safe-crisis-places")
    page.get_by_role("link", name="Home", exact=True).click()
    expect(page).to_have_url(f"{base}/")
