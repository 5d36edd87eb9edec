"""Given a worker with two-factor set up, when they sign in, find a person, open their record and
correct a wrong NHS number, then every step works and every page passes axe."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from browser_tests.conftest import assert_accessible
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db(transaction=True)
def test_worker_signs_in_with_two_factor_finds_a_person_and_fixes_their_nhs_number(live_server: LiveServer, page: Page) -> None:
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    person = PersonFactory.create(given_name="Ada", family_name="Lovelace", nhs_number="", nhs_number_status="07")
    CaseloadEntryFactory.create(person=person, worker=worker)

    # Sign in: username and password, then the code from the authenticator app.
    page.goto(f"{live_server.url}/sign-in/")
    assert_accessible(page, "foundation-01-sign-in")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    assert_accessible(page, "foundation-02-security-code")
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    assert_accessible(page, "foundation-03-home")

    # Search by last name and open the record.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a person").click()
    page.get_by_label("Name, NHS number or date of birth").fill("lovelace")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 person found")).to_be_visible()
    assert "lovelace" not in page.url.lower(), "search terms must never be in the URL"
    assert_accessible(page, "foundation-04-search-results")
    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_text("Ada Lovelace").first).to_be_visible()
    assert_accessible(page, "foundation-05-person")

    # Enter an NHS number with a wrong check digit: a specific message, and what was typed is kept.
    page.get_by_role("link", name="Change details").click()
    page.get_by_label("NHS number", exact=True).fill("943 476 5918")
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("This is not a valid NHS number")
    expect(page.get_by_label("NHS number", exact=True)).to_have_value("943 476 5918")
    expect(page.get_by_label("First name")).to_have_value("Ada")
    assert_accessible(page, "foundation-06-nhs-number-error")

    # The error summary links to the field.
    summary.get_by_role("link", name="This is not a valid NHS number").click()
    expect(page.get_by_label("NHS number", exact=True)).to_be_focused()

    # Fix it and save.
    page.get_by_label("NHS number", exact=True).fill("943 476 5919")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved")).to_be_visible()
    expect(page.get_by_text("943 476 5919").first).to_be_visible()
    assert_accessible(page, "foundation-07-saved")
    person.refresh_from_db()
    assert person.nhs_number == "9434765919"
    assert person.nhs_number_status == "02"  # typed in without a trace: present but not traced


@pytest.mark.django_db(transaction=True)
def test_person_page_fits_a_small_phone(live_server: LiveServer, phone: Page) -> None:
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    person: Person = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory.create(person=person, worker=worker)
    phone.goto(f"{live_server.url}/sign-in/")
    phone.get_by_label("Username").fill("sam")
    phone.get_by_label("Password").fill(TEST_PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_label("Security code").fill(current_code(device))
    phone.get_by_role("button", name="Continue").click()
    phone.goto(f"{live_server.url}/people/{person.pk}/")
    assert_accessible(phone, "foundation-08-person-320px")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at 320px"
