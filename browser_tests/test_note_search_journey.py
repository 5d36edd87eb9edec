"""Given a worker who wrote about a housing appeal weeks ago, when they search their notes for
"housing appeals" from their home page, then they find that note with the words marked, not a
colleague's person's note, on a desktop and on a phone, and every page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import SCREENSHOTS, assert_accessible
from browser_tests.helpers import sign_in_through_pages
from enablement.tests.factories import ContactFactory, EpisodeFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1024, 375])
def test_a_worker_finds_the_note_about_the_housing_appeal(live_server: LiveServer, browser: Browser, width: int) -> None:
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    other = UserFactory.create(role=Role.STR_WORKER, username="kit")
    mine = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory.create(person=mine, worker=worker)
    theirs = PersonFactory.create(given_name="Alan", family_name="Turing")
    CaseloadEntryFactory.create(person=theirs, worker=other)
    ContactFactory.create(
        episode=EpisodeFactory.create(person=mine, worker=worker),
        what_was_done="Read the council's letter together. Ada wants to appeal: we started the housing appeal form <b>today</b>.",
    )
    ContactFactory.create(episode=EpisodeFactory.create(person=theirs, worker=other), what_was_done="Housing appeal hearing next week")

    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    base = live_server.url
    sign_in_through_pages(page, base, worker)

    # When they search their notes from their home page.
    page.get_by_role("link", name="Search in notes").click()
    expect(page.get_by_role("heading", name="Search in notes", level=1)).to_be_visible()
    assert_accessible(page, f"note-search-01-form-{width}")
    page.get_by_label("Words in the notes").fill("housing appeals")
    page.get_by_role("button", name="Search").click()

    # Then they find their own person's note, the words marked, and not the colleague's.
    expect(page.get_by_role("heading", name="1 note found")).to_be_visible()
    assert "housing" not in page.url and "appeal" not in page.url
    results = page.get_by_role("list", name="1 note found")
    expect(results.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(results.locator("mark").first).to_have_text("appeal")
    expect(page.get_by_text("Alan Turing")).to_have_count(0)
    expect(page.locator(".star-search-passage b")).to_have_count(0)
    assert_accessible(page, f"note-search-02-results-{width}")

    # And the result opens the episode the note is in.
    results.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_text("we started the housing appeal form")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / f"note-search-03-episode-{width}.png"), full_page=True)
