"""Issue 18, on a 375px phone: an administrator pastes a licensed measure's wording and it is
checked against the measure; a manager matching an old file's columns sees them matched and three
values from each. Every page passes axe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from interop.tests.legacy_factories import csv_bytes, good_rows
from outcomes.loading import load_shipped_instruments
from outcomes.models import Instrument

SHOTS = Path(os.environ.get("STAR_RECORD_COPY_SHOTS", "test-results/screenshots"))


def _phone(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)


@pytest.mark.django_db(transaction=True)
def test_administrator_pastes_licensed_wording(live_server: LiveServer, browser: Browser) -> None:
    load_shipped_instruments()
    admin = UserFactory.create(role=Role.ADMIN, username="ada", first_name="Ada")
    context = _phone(browser)
    phone = context.new_page()
    try:
        sign_in_through_pages(phone, live_server.url, admin)
        phone.goto(f"{live_server.url}/outcomes/wording/")
        phone.get_by_role("link", name="Enter the wording of SWEMWBS").click()
        expect(phone.get_by_role("heading", name="Enter the wording of SWEMWBS")).to_be_visible()
        assert_accessible(phone, "wording-01-form")
        phone.get_by_label("Paste every question at once (optional)").fill("\n".join(f"{n}. Synthetic statement {n}" for n in range(1, 7)))
        for value, words in enumerate(["None of the time", "Rarely", "Some of the time", "Often", "All of the time"], 1):
            phone.get_by_label(f"Answer scored {value}").fill(words)
        phone.get_by_role("button", name="Check and load the wording").click()
        expect(phone.get_by_role("alert")).to_contain_text("There are 6 questions here, but SWEMWBS has 7")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        assert_accessible(phone, "wording-02-wrong-count")
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SHOTS / "wording-wrong-count-375.png"), full_page=True)
        phone.get_by_label("Paste every question at once (optional)").fill("\n".join(f"{n}. Synthetic statement {n}" for n in range(1, 8)))
        phone.get_by_role("button", name="Check and load the wording").click()
        expect(phone.get_by_text("Loaded the wording of SWEMWBS")).to_be_visible()
        assert_accessible(phone, "wording-03-loaded")
        assert Instrument.objects.get(code="SWEMWBS").wording_available
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_manager_sees_columns_matched_with_sample_values(live_server: LiveServer, browser: Browser) -> None:
    manager = UserFactory.create(role=Role.MANAGER, username="olivia", first_name="Olivia")
    context = _phone(browser)
    phone = context.new_page()
    try:
        sign_in_through_pages(phone, live_server.url, manager)
        phone.goto(f"{live_server.url}/interop/import/")
        phone.get_by_label("People", exact=True).check()
        phone.get_by_label("Name of the old system").fill("Day centre")
        content = csv_bytes(good_rows(4), headings=["ClientID", "Forename", "Surname", "DOB", "NHS No", "Post Code"])
        phone.get_by_label("File (CSV or Excel .xlsx)").set_input_files({"name": "people.csv", "mimeType": "text/csv", "buffer": content})
        phone.get_by_role("button", name="Upload file").click()
        expect(phone.get_by_role("heading", name="Match the columns")).to_be_visible()
        expect(phone.get_by_label("First name", exact=True)).to_have_value("Forename")
        expect(phone.get_by_label("Date of birth", exact=True)).to_have_value("DOB")
        expect(phone.get_by_label("NHS number (optional)", exact=True)).to_have_value("NHS No")
        expect(phone.get_by_text("Given0, Given1, Given2").first).to_be_visible()
        assert_accessible(phone, "mapping-01-matched")
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SHOTS / "mapping-375.png"), full_page=False)
    finally:
        context.close()
