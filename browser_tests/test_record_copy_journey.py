"""A member makes a copy of their record on a 375px phone and reads it on screen: plain English,
the service's headings, dates as people write them; the PDF downloads. Every page passes axe."""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from enablement.tests.factories import ContactFactory, EpisodeFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from plans.documents import Kind
from plans.tests.factories import GoalProgressFactory, make_plan

SHOTS = Path(os.environ.get("STAR_RECORD_COPY_SHOTS", "test-results/screenshots"))


@pytest.mark.django_db(transaction=True)
def test_member_reads_their_copy_on_a_phone(live_server: LiveServer, browser: Browser) -> None:
    base = live_server.url
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    member = UserFactory.create(role=Role.MEMBER, username="alex", first_name="Alex")
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)
    CaseloadEntryFactory.create(person=person, worker=worker)
    episode = EpisodeFactory.create(person=person, worker=worker)
    ContactFactory.create(episode=episode, contact_date=episode.started_on + datetime.timedelta(days=3))
    make_plan(person, Kind.PROFILE, by=worker, appreciations="Kind and funny")
    goal = make_plan(person, Kind.GOAL, by=worker, title="Go to the bike project")
    GoalProgressFactory.create(goal=goal, rating=7, note="I went twice and fixed a puncture")

    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, accept_downloads=True)
    phone = context.new_page()
    try:
        # Given Alex is signed in to their own pages
        sign_in_through_pages(phone, base, member)
        phone.goto(f"{base}/my/")
        # When they ask for a copy of their record
        phone.get_by_role("link", name="Get a copy of your record").click()
        assert_accessible(phone, "record-copy-01-ask")
        phone.get_by_role("button", name="Make my copy").click()
        expect(phone.get_by_role("heading", name="Your copy is ready")).to_be_visible()
        assert_accessible(phone, "record-copy-02-ready")
        # And read it on screen
        phone.get_by_role("link", name="Read it on screen").click()
        # Then it reads in the service's words, with no ids or internal names
        expect(phone.get_by_role("heading", name="Your details")).to_be_visible()
        expect(phone.get_by_role("heading", name="Your contacts with your STR worker")).to_be_visible()
        expect(phone.get_by_role("heading", name="Goals", exact=True)).to_be_visible()
        expect(phone.get_by_role("heading", name="Go to the bike project")).to_be_visible()
        expect(phone.get_by_text("Sam has been your STR worker since").first).to_be_visible()
        text = phone.locator("body").inner_text()
        assert str(person.pk) not in text and "people.Person" not in text and "entrys" not in text
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        assert_accessible(phone, "record-copy-03-read")
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SHOTS / "record-copy-375.png"), full_page=True)
        # And the PDF downloads with the same headings
        with phone.expect_download() as pdf:
            phone.get_by_role("link", name="Download this as a PDF").click()
        reader = PdfReader(io.BytesIO(Path(pdf.value.path()).read_bytes()))
        pdf_text = " ".join(page.extract_text() for page in reader.pages)
        assert "Your contacts with your STR worker" in pdf_text and "7 out of 10" in pdf_text
    finally:
        context.close()


__all__ = ["Page"]
