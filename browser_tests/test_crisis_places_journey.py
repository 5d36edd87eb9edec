"""Somewhere to go at 2 a.m. (issue 15): a manager adds an overnight crisis café through the pages;
at 02:00 UK time a member on a 375px phone opens "If you need help now", then their crisis plan,
and sees the overnight café open and the daytime sanctuary closed, each with a link that dials.
The clock is frozen at the next 2 a.m. (UK time) after now, ticking, for the server and the test:
never a fixed date, so the browser's own clock never sees the session cookie as expired."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from community.models import CrisisOpening, CrisisPlace, CrisisPlaceKind
from people.tests.factories import PersonFactory
from plans.documents import Kind
from plans.tests.factories import make_plan

LONDON = ZoneInfo("Europe/London")


def next_2am() -> datetime.datetime:
    """02:00 UK time on the next day that has one (a clock-change night still has 02:00)."""
    tomorrow = datetime.datetime.now(LONDON).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(2, 0), tzinfo=LONDON)


@pytest.fixture
def small_phone(browser: Browser) -> Iterator[Page]:
    """A 375px phone (an iPhone SE or mini)."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def _places() -> None:
    day = CrisisPlace.objects.create(
        kind=CrisisPlaceKind.SANCTUARY,
        name="Daylight sanctuary",
        description="Drop in for a cup of tea and a talk with a peer worker",
        phone="0121 496 0123",
        address_1="4 Mill Lane",
        city="Birmingham",
    )
    CrisisOpening.objects.bulk_create(
        CrisisOpening(place=day, weekday=weekday, opens_at=datetime.time(10), closes_at=datetime.time(16)) for weekday in range(7)
    )


@pytest.mark.django_db(transaction=True)
def test_a_manager_adds_an_overnight_crisis_cafe(live_server: LiveServer, page: Page, small_phone: Page) -> None:
    base = live_server.url
    manager = UserFactory.create(role=Role.MANAGER, username="eileen")
    sign_in_through_pages(page, base, manager)
    page.get_by_role("link", name="Crisis places").click()
    expect(page.get_by_role("heading", level=1, name="Crisis places")).to_be_visible()
    assert_accessible(page, "crisis-places-empty")
    page.get_by_role("link", name="Add a crisis place").click()
    assert_accessible(page, "crisis-place-new")
    page.get_by_label("Crisis café or sanctuary").check()
    page.get_by_label("Name", exact=True).fill("Night Owl crisis café")
    page.get_by_label("What they offer").fill("A calm place to talk through the night, with peer workers and a quiet room")
    page.get_by_label("Phone number (optional for places you can walk into)").fill("0121 496 0311")
    page.get_by_label("Address line 1 (optional)").fill("7 Moor Street")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        hours = page.get_by_role("group", name=day)
        hours.get_by_label("Opens").fill("22:00")
        hours.get_by_label("Closes").fill("06:00")
    page.get_by_role("button", name="Save crisis place").click()
    expect(page.get_by_text("Night Owl crisis café is now listed")).to_be_visible()
    expect(page.get_by_role("cell", name="Every day, 10pm to 6am (overnight)")).to_be_visible()
    assert_accessible(page, "crisis-places-list")
    # The same pages at 375px, in the same session (a second sign-in would reuse the security code).
    small_phone.context.add_cookies(page.context.cookies())  # type: ignore[arg-type]
    small_phone.goto(f"{base}{reverse('community:crisis_place_list')}")
    assert_accessible(small_phone, "crisis-places-list-375")
    small_phone.get_by_role("link", name="Night Owl crisis café").click()
    expect(small_phone.get_by_role("group", name="Monday").get_by_label("Opens")).to_have_value("22:00")
    assert_accessible(small_phone, "crisis-place-edit-375")


@pytest.mark.django_db(transaction=True)
def test_at_2am_a_member_sees_which_crisis_places_are_open(live_server: LiveServer, small_phone: Page) -> None:
    base = live_server.url
    _places()
    night = CrisisPlace.objects.create(
        kind=CrisisPlaceKind.SANCTUARY, name="Night Owl crisis café", description="Open through the night", phone="0121 496 0311"
    )
    CrisisOpening.objects.bulk_create(
        CrisisOpening(place=night, weekday=weekday, opens_at=datetime.time(22), closes_at=datetime.time(6)) for weekday in range(7)
    )
    member = UserFactory.create(role=Role.MEMBER, username="alex")
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)
    make_plan(person, Kind.CRISIS, by=UserFactory.create(role=Role.STR_WORKER))
    phone = small_phone
    with time_machine.travel(next_2am(), tick=True):
        sign_in_through_pages(phone, base, member)
        phone.get_by_text("If you need help now").click()
        phone.get_by_role("link", name="Places you can go in a crisis, and which are open now").click()
        night_card = phone.get_by_role("listitem").filter(has=phone.get_by_role("heading", name="Night Owl crisis café"))
        day_card = phone.get_by_role("listitem").filter(has=phone.get_by_role("heading", name="Daylight sanctuary"))
        expect(night_card).to_contain_text("Open now")
        expect(day_card).to_contain_text("Closed now")
        assert night_card.get_by_role("link", name="Call Night Owl crisis café: 0121 496 0311").get_attribute("href") == "tel:01214960311"
        assert day_card.get_by_role("link", name="Call Daylight sanctuary: 0121 496 0123").get_attribute("href") == "tel:01214960123"
        assert phone.get_by_role("link", name="Call Samaritans: 116 123").get_attribute("href") == "tel:116123"
        # Open now first.
        headings = phone.get_by_role("heading", level=3).all_inner_texts()
        assert headings.index("Night Owl crisis café") < headings.index("Daylight sanctuary")
        assert_accessible(phone, "crisis-2am-help-now-375")
        # Their crisis plan says the same, under "Where to go".
        phone.goto(f"{base}/my/")
        phone.get_by_role("link", name="Your crisis plan").first.click()
        places = phone.get_by_role("list", name="Crisis places, open now first")
        expect(places.get_by_role("listitem").first).to_contain_text("Night Owl crisis café")
        expect(places.get_by_role("listitem").first).to_contain_text("Open now")
        expect(places.get_by_role("listitem").filter(has_text="Daylight sanctuary")).to_contain_text("Closed now")
        call = places.get_by_role("link", name="Call Night Owl crisis café: 0121 496 0311")
        expect(call).to_be_visible()
        assert call.get_attribute("href") == "tel:01214960311"
        assert_accessible(phone, "crisis-2am-plan-375")
