"""Given a quarter's referrals, when the manager records the quarter's costs and the old model's
baseline, then the commissioner sees the quarterly figures with small counts suppressed, the
savings method with every input, and downloads a PDF with the headline figures."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import fill_date, sign_in_through_pages
from core.periods import quarter_of
from referrals.tests.factories import ReferralFactory


@pytest.mark.django_db(transaction=True)
def test_manager_records_costs_and_commissioner_reads_the_quarterly_report(live_server: LiveServer, page: Page) -> None:
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    commissioner = UserFactory.create(role=Role.COMMISSIONER, username="casey", first_name="Casey")
    quarter = quarter_of(timezone.localdate())
    for days in (0, 1):  # two GP referrals this quarter: too few to show to a commissioner
        ReferralFactory.create(
            received_at=datetime.combine(quarter.start + timedelta(days=days), time(10), tzinfo=ZoneInfo("Europe/London"))
        )

    # The manager records the old model's baseline and this quarter's staff costs.
    sign_in_through_pages(page, live_server.url, manager)
    assert_accessible(page, "reports-01-manager-home")
    page.get_by_role("link", name="Service figures and costs").click()
    expect(page.get_by_role("heading", name="Service figures", exact=False).first).to_be_visible()
    assert_accessible(page, "reports-02-manager-dashboard")
    page.get_by_role("link", name="Record costs and the baseline").click()
    assert_accessible(page, "reports-03-costs")
    page.get_by_role("link", name="Record the baseline").click()
    assert_accessible(page, "reports-04-baseline")
    page.get_by_label("What the old model was").fill("Day centre")
    page.get_by_label("Number of places").fill("0")
    page.get_by_label("Cost per place per week, in pounds").fill("200")
    page.get_by_label("People it served in a year").fill("40")
    page.get_by_role("button", name="Save baseline").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter 1 place or more")
    assert_accessible(page, "reports-05-baseline-error")
    page.get_by_label("Number of places").fill("40")
    page.get_by_role("button", name="Save baseline").click()
    expect(page.get_by_text("Day centre: 40 places at £200.00 per place per week")).to_be_visible()
    assert_accessible(page, "reports-06-costs-with-baseline")
    fill_date(page, "Start date of the period", quarter.start)
    fill_date(page, "End date of the period", quarter.end)
    page.get_by_label("Staff", exact=True).check()
    page.get_by_label("Amount in pounds").fill("-10")
    page.get_by_role("button", name="Save cost").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter an amount of £0 or more")
    assert_accessible(page, "reports-07-cost-error")
    page.get_by_label("Amount in pounds").fill("12,000")
    page.get_by_role("button", name="Save cost").click()
    expect(page.get_by_role("cell", name="£12,000.00")).to_be_visible()
    assert_accessible(page, "reports-08-cost-recorded")
    page.context.clear_cookies()

    # The commissioner opens the quarterly dashboard: suppressed cells and the savings method.
    sign_in_through_pages(page, live_server.url, commissioner)
    assert_accessible(page, "reports-09-commissioner-home")
    page.get_by_role("link", name="Service figures, costs and savings").click()
    expect(page.get_by_role("heading", name=f"Service figures: {quarter.label}")).to_be_visible()
    referrals = page.get_by_role("table", name="Referrals received, by source")
    expect(referrals.get_by_role("row", name="GP")).to_contain_text("Not shown")
    expect(referrals.get_by_role("row", name="Total")).to_contain_text("Not shown")
    expect(page.get_by_role("heading", name="How the saving is worked out")).to_be_visible()
    expect(page.get_by_text("Old model cost for the period: 40 places × £200.00")).to_be_visible()
    expect(page.get_by_role("link", name="Record costs and the baseline")).to_have_count(0)
    assert_accessible(page, "reports-10-commissioner-dashboard")

    # Commissioners get calendar months, quarters and years only (no custom dates to difference).
    expect(page.get_by_label("Period", exact=True).locator("option[value=custom]")).to_have_count(0)

    # The PDF: opened and read.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report as a PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert quarter.label in text
    assert "Total cost: £12,000.00" in text
    assert "Saving against the old model" in text
    assert "Not shown" in text
    page.get_by_role("link", name="Who the service reaches (equality)").click()
    expect(page.get_by_role("heading", name="Who the service reaches")).to_be_visible()
    assert_accessible(page, "reports-12-equality")
