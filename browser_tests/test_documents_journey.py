"""Documents on a phone: a worker on a 375px phone opens Ada's record, adds the photo of her
paper WRAP (typed up as a text file here) to her 1-to-1 episode, is told it is held until it is
checked for viruses (no scanner in tests), and once the scheduled check finds it clean, opens it
as a download. A program named like a PDF is refused on the page. Every page passes axe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from documents.models import Document, ScanStatus
from documents.services import scan_held_documents
from documents.tests.fake_clamd import fake_clamd
from enablement.tests.factories import EpisodeFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory

WRAP = "My wellness toolbox: a walk by the canal, calling my sister, the Tuesday drop-in.\n"


@pytest.fixture
def phone_375(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
def test_worker_adds_a_document_on_a_phone_and_opens_it_once_checked(live_server: LiveServer, phone_375: Page, tmp_path: Path) -> None:
    base = live_server.url
    page = phone_375
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    person = PersonFactory.create(given_name="Ada", family_name="Lovelace", preferred_name="")
    CaseloadEntryFactory.create(person=person, worker=worker)
    episode = EpisodeFactory.create(person=person, worker=worker)
    sign_in_through_pages(page, base, worker)

    page.goto(f"{base}/enablement/episodes/{episode.pk}/")
    page.get_by_role("link", name="Add a document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a document")
    accept = page.locator("#id_file").get_attribute("accept", timeout=5000)
    assert accept is not None and accept.startswith("application/pdf,image/jpeg")
    assert_accessible(page, "documents-upload-375")

    program = tmp_path / "GP letter.pdf"
    program.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    page.locator("#id_file").set_input_files(str(program))
    page.get_by_label("What is it?").fill("Letter from the GP")
    page.get_by_label("Letter from a GP").check()
    page.get_by_role("button", name="Upload the document").click()
    expect(page.get_by_role("alert")).to_contain_text("whatever its name says")
    assert_accessible(page, "documents-refused-375")

    wrap = tmp_path / "wrap.txt"
    wrap.write_text(WRAP)
    page.locator("#id_file").set_input_files(str(wrap))
    page.get_by_label("Photo of a paper plan").check()
    page.get_by_label("What is it?").fill("Ada's paper WRAP, typed up")
    page.get_by_role("button", name="Upload the document").click()
    expect(page).to_have_url(f"{base}/enablement/episodes/{episode.pk}/")
    expect(page.get_by_text("It is held until it has been checked for viruses")).to_be_visible()
    expect(page.get_by_text("Held until checked for viruses")).to_be_visible()
    assert_accessible(page, "documents-held-375")
    document = Document.objects.get()
    assert document.scan_status == ScanStatus.QUARANTINED and document.episode == episode

    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        assert scan_held_documents().clean == 1
    page.goto(f"{base}/documents/people/{person.pk}/")
    assert_accessible(page, "documents-list-375")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Ada's paper WRAP, typed up\s+\(download: Text file")).click()
    assert download.value.suggested_filename == "Adas paper WRAP typed up.txt"
    assert Path(download.value.path()).read_text() == WRAP
