"""Given a manager and an administrator, when the manager reviews third-party information in a
subject access request and releases the copy, and the administrator corrects a name under a
rectification request and destroys a record past its retention period, then every page passes axe."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from people.models import Person
from people.tests.factories import PersonFactory
from records import services
from records.models import DestructionRecord, RetentionReview
from records.retention import run_retention_review


@pytest.mark.django_db(transaction=True)
def test_subject_access_review_rectification_and_destruction(live_server: LiveServer, page: Page) -> None:
    base = live_server.url
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    admin = UserFactory.create(role=Role.ADMIN, username="robin", first_name="Robin")
    ada = PersonFactory.create(given_name="Ada", family_name="Lovelace", emergency_contact_name="Charles Babbage")
    sar = services.log_subject_access_request(
        by=admin,
        person=ada,
        requested_by="Ada, by letter",
        received_on=timezone.localdate(),
        received_how="letter",
        identity_checked_how="Signature matched the one we hold",
    )

    sign_in_through_pages(page, base, manager)
    page.goto(f"{base}/records/subject-access/{sar.pk}/")
    assert_accessible(page, "records-01-request")
    page.get_by_role("button", name="Approve this request").click()
    page.get_by_role("button", name="Review third-party information").click()
    assert_accessible(page, "records-02-review")
    for _ in range(2):  # the emergency contact's name, and who made the request
        card = page.locator(".nhsuk-card").first
        card.get_by_label("Disclose").check()
        card.get_by_role("button", name="Save decision").click()
        expect(page.get_by_text("Decision recorded: disclose")).to_be_visible()
    expect(page.get_by_text("Every flagged item has a decision")).to_be_visible()
    page.get_by_role("link", name="Back to the request").click()
    page.get_by_role("button", name="Release the reviewed copy").click()
    expect(page.get_by_text("The reviewed copy is ready to send")).to_be_visible()
    page.get_by_role("link", name="See the released copy").click()
    expect(page.get_by_role("heading", name="Everything we hold about Ada Lovelace")).to_be_visible()
    assert_accessible(page, "records-03-released")
    page.get_by_role("button", name="Sign out").click()

    sign_in_through_pages(page, base, admin)
    page.goto(f"{base}/records/rectification/new/")
    assert_accessible(page, "records-04-rectification-new")
    page.get_by_label("Who made the request?").fill("Ada herself")
    today = timezone.localdate()
    page.locator("#id_received_on_0").fill(str(today.day))
    page.locator("#id_received_on_1").fill(str(today.month))
    page.locator("#id_received_on_2").fill(str(today.year))
    page.get_by_label("What do they say is wrong or incomplete?").fill("My first name")
    page.get_by_label("Their NHS number").fill(ada.nhs_number)
    page.get_by_role("button", name="Log request").click()
    page.get_by_label("Which detail needs correcting?").select_option("given_name")
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page, "records-05-rectification-amend")
    page.get_by_label("Corrected first name").fill("Augusta")
    page.get_by_label("Why is this being corrected?").fill("Passport seen")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("The original is kept with the amendment")).to_be_visible()
    assert Person.objects.get(pk=ada.pk).given_name == "Augusta"

    long_gone = PersonFactory.create(given_name="Grace", family_name="Hopper", date_of_death=today - datetime.timedelta(days=365 * 12))
    run_retention_review()
    review = RetentionReview.objects.get(person=long_gone)
    page.get_by_role("link", name="Retention").click()
    assert_accessible(page, "records-06-retention-queue")
    page.get_by_role("link", name="Grace Hopper").click()
    assert_accessible(page, "records-07-retention-review")
    page.get_by_label("I have checked this record is not needed and authorise its destruction").check()
    page.get_by_role("button", name="Destroy the records").click()
    expect(page.get_by_text("A destruction record has been kept")).to_be_visible()
    assert_accessible(page, "records-08-destroyed")
    assert not Person.objects.filter(pk=long_gone.pk).exists() and DestructionRecord.objects.get().reference == str(review.person_id)
