"""Given two workers with the same person open, when one saves a new phone number and the other then
saves the email they typed into their older page, the second save is stopped: they see what changed,
side by side with what they typed, the form holds both changes, and saving keeps both. On a phone
too, and every page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory


@pytest.mark.django_db(transaction=True)
def test_a_second_save_over_a_newer_change_shows_both_and_loses_nothing(live_server: LiveServer, page: Page, browser: Browser) -> None:
    sam = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    morgan = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    person = PersonFactory.create(given_name="Ada", family_name="Lovelace", phone="07700 900000", email="")
    CaseloadEntryFactory.create(person=person, worker=sam)
    edit = f"{live_server.url}/people/{person.pk}/edit/"

    phone_context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    other = phone_context.new_page()
    sign_in_through_pages(page, live_server.url, sam)
    sign_in_through_pages(other, live_server.url, morgan)
    page.goto(edit)
    other.goto(edit)

    page.locator("#id_phone").fill("07700 900111")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved")).to_be_visible()

    other.locator("#id_email").fill("ada@example.org")
    other.get_by_role("button", name="Save").click()
    expect(other.get_by_role("heading", name="Someone else saved changes while you were editing")).to_be_visible()
    assert_accessible(other, "conflict-01-phone")
    expect(other.locator("#id_phone")).to_have_value("07700 900111")
    expect(other.locator("#id_email")).to_have_value("ada@example.org")
    other.get_by_role("button", name="Save").click()
    expect(other.get_by_text("Changes saved")).to_be_visible()
    saved = Person.objects.get(pk=person.pk)
    assert (saved.phone, saved.email) == ("07700 900111", "ada@example.org")

    # The same at desktop width, for the screenshot and axe.
    page.goto(edit)
    other.goto(edit)
    other.locator("#id_phone").fill("07700 900222")
    other.get_by_role("button", name="Save").click()
    page.locator("#id_phone").fill("07700 900333")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Someone else saved changes while you were editing")).to_be_visible()
    assert_accessible(page, "conflict-02-desktop")
    assert Person.objects.get(pk=person.pk).phone == "07700 900222"
    phone_context.close()
