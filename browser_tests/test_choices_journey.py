"""Personal budgets and the route into work, in the browser: a worker takes a member through the
council's pathway; the member, on a phone, writes their support plan, costs it and records
spending; then records a job goal, an interview and a start and sees them. Every page passes axe."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from choices.models import BudgetStatus, PersonalBudget, Placement, Spend
from documents.tests.samples import pdf_bytes
from people.tests.factories import CaseloadEntryFactory, PersonFactory


def _fill_date(page: Page, label: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.mark.django_db(transaction=True)
def test_a_member_and_worker_plan_and_track_a_budget_and_a_route_into_work(live_server: LiveServer, page: Page, phone: Page) -> None:
    base = live_server.url
    today = timezone.localdate()
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    member = UserFactory.create(role=Role.MEMBER, username="alex", first_name="Alex")
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)
    CaseloadEntryFactory.create(person=person, worker=worker)

    # Given a worker on the person's page
    sign_in_through_pages(page, base, worker)
    page.goto(f"{base}/people/{person.pk}/")
    page.get_by_role("link", name="Personal budget").click()
    assert_accessible(page, "choices-budget-none")
    # When they start the pathway and move it on to "in place"
    page.get_by_role("link", name="Start a personal budget").click()
    assert_accessible(page, "choices-budget-start")
    _fill_date(page, "Date of the conversation", today - datetime.timedelta(days=60))
    page.get_by_role("button", name="Start the pathway").click()
    for status, days in (("Referred to the council", 50), ("Being assessed by the council", 40)):
        page.get_by_role("link", name="Move it on").click()
        page.get_by_label(status).check()
        _fill_date(page, "Date it happened", today - datetime.timedelta(days=days))
        page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Move it on").click()
    assert_accessible(page, "choices-budget-move")
    page.get_by_role("link", name="Back to the personal budget").click()
    page.get_by_role("link", name="The council's details").click()
    page.get_by_label("Direct payment").check()
    page.get_by_label("Amount agreed, in pounds").fill("3650")
    _fill_date(page, "Start of the budget's period", today - datetime.timedelta(days=20))
    _fill_date(page, "End of the budget's period", today + datetime.timedelta(days=344))
    assert_accessible(page, "choices-budget-council")
    page.get_by_role("button", name="Save").click()
    for status, days in (("Amount agreed", 30), ("Budget in place", 20)):
        page.get_by_role("link", name="Move it on").click()
        page.get_by_label(status, exact=True).check()
        _fill_date(page, "Date it happened", today - datetime.timedelta(days=days))
        page.get_by_role("button", name="Save").click()
    # Then the budget is in place, with its history
    expect(page.get_by_text("Budget in place").first).to_be_visible()
    assert_accessible(page, "choices-budget-in-place")
    assert PersonalBudget.objects.get(person=person).status == BudgetStatus.IN_PLACE

    # Given the member on their phone
    sign_in_through_pages(phone, base, member)
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Your personal budget").click()
    # When they write their support plan, cost it and record spending
    phone.get_by_role("link", name="Write the support plan").click()
    phone.get_by_label("What do you want your budget to pay for?").fill("A pottery class and a bus pass")
    phone.get_by_label("How will it help you reach your goals?").fill("Getting out and making things")
    assert_accessible(phone, "choices-my-support-plan")
    phone.get_by_role("button", name="Save").click()
    phone.get_by_role("link", name="Add something to the plan").click()
    phone.get_by_label("Activities, clubs and classes").check()
    phone.get_by_label("What is it?").fill("Pottery class")
    phone.get_by_label("How much will it cost over the whole budget period, in pounds?").fill("365")
    phone.get_by_role("button", name="Add to the plan").click()
    phone.get_by_role("link", name="Record spending").click()
    phone.get_by_label("Pottery class").check()
    _fill_date(phone, "Date it was spent", today)
    phone.get_by_label("Amount in pounds").fill("30")
    phone.get_by_label("What was it?").fill("First month")
    receipt: FilePayload = {"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Pottery class, first month")}
    phone.get_by_label("Photo or PDF of the receipt (optional)").set_input_files(files=[receipt])
    assert_accessible(phone, "choices-my-spend")
    phone.get_by_role("button", name="Save").click()
    # Then they see it against their plan; the receipt is a document, held until its virus check
    expect(phone.get_by_text("Spending of £30.00 recorded")).to_be_visible()
    expect(phone.get_by_text("held until it has been checked for viruses")).to_be_visible()
    expect(phone.get_by_text("Receipt held until it is checked for viruses")).to_be_visible()
    assert_accessible(phone, "choices-my-budget")
    spend = Spend.objects.select_related("receipt").get()
    assert spend.amount_pence == 3_000 and spend.receipt is not None and spend.receipt.scan_status == "quarantined"

    # When the member records a job goal, an interview and a start
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Your work, learning and volunteering").click()
    assert_accessible(phone, "choices-my-work-empty")
    phone.get_by_role("link", name="Add a goal").click()
    phone.get_by_label("Paid work").check()
    phone.get_by_label("The goal, in your words").fill("A job in a kitchen")
    phone.get_by_role("button", name="Add the goal").click()
    phone.get_by_role("link", name="Record a step").click()
    phone.get_by_label("Interview").check()
    _fill_date(phone, "Date", today - datetime.timedelta(days=3))
    phone.get_by_label("Details").fill("Café on the high street")
    assert_accessible(phone, "choices-my-step")
    phone.get_by_role("button", name="Save").click()
    phone.get_by_role("link", name="Record a start").click()
    phone.get_by_label("Paid work").check()
    phone.get_by_label("The job, course or role").fill("Kitchen assistant")
    phone.get_by_label("A social enterprise").check()
    phone.get_by_label("Hours a week").fill("16")
    _fill_date(phone, "Start date", today)
    assert_accessible(phone, "choices-my-start")
    phone.get_by_role("button", name="Save").click()
    # Then they see their progress in their own pages
    expect(phone.get_by_role("heading", name="Kitchen assistant")).to_be_visible()
    expect(phone.get_by_text("Café on the high street")).to_be_visible()
    assert_accessible(phone, "choices-my-work")
    assert Placement.objects.get(person=person).employer_name == ""

    # And their copy of their record has the budget and the work, in plain English
    phone.goto(f"{base}/my/")
    phone.get_by_role("link", name="Get a copy of your record").click()
    phone.get_by_role("button", name="Make my copy").click()
    phone.get_by_role("link", name="Read it on screen").click()
    for words in (
        "Your personal budget",
        "A pottery class and a bus pass",
        "£30.00 on",
        "A job in a kitchen",
        "Kitchen assistant",
        "16 hours a week",
    ):
        expect(phone.get_by_text(words).first).to_be_visible()
    assert_accessible(phone, "choices-my-copy-of-my-record")

    # And the worker sees the start on the person's timeline
    page.goto(f"{base}/people/{person.pk}/")
    expect(page.get_by_text("Started paid work: Kitchen assistant")).to_be_visible()
