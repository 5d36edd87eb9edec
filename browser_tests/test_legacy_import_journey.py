"""Given a service manager with a file from the old day-centre system, when they upload it, match
its columns, see the problems, upload a corrected file with the saved mapping and import it, then
every step works without surprises and every page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from interop.legacy.validation import LABELS
from interop.tests.legacy_factories import COLUMNS, csv_bytes, good_rows
from people.models import Person


def upload(page: Page, name: str, content: bytes) -> None:
    page.get_by_label("People", exact=True).check()
    page.get_by_label("Name of the old system").fill("Day centre")
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files({"name": name, "mimeType": "text/csv", "buffer": content})
    page.get_by_role("button", name="Upload file").click()


@pytest.mark.django_db(transaction=True)
def test_manager_brings_in_the_old_systems_people(live_server: LiveServer, page: Page) -> None:
    manager = UserFactory.create(role=Role.MANAGER, username="olivia", first_name="Olivia")
    sign_in_through_pages(page, live_server.url, manager)
    assert_accessible(page, "legacy-01-home")

    page.get_by_role("link", name="Bring in the old system's data").click()
    expect(page.get_by_role("heading", name="Bring in the old system's data")).to_be_visible()
    assert_accessible(page, "legacy-02-upload")

    rows = good_rows(3)
    rows[1][4] = "999 000 0019"  # a wrong check digit
    upload(page, "people.csv", csv_bytes(rows))
    expect(page.get_by_role("heading", name="Match the columns")).to_be_visible()
    assert_accessible(page, "legacy-03-match-columns")
    for name, heading in COLUMNS.items():
        label = LABELS[name] + ("" if name in {"given_name", "family_name", "date_of_birth"} else " (optional)")
        page.get_by_label(label, exact=True).select_option(heading)
    page.get_by_label("Save this mapping to use again (optional)").fill("Day centre people")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("heading", name="There is 1 problem in the file")).to_be_visible()
    expect(page.get_by_role("cell", name="NHS No")).to_be_visible()
    assert_accessible(page, "legacy-04-preview-with-problems")

    page.get_by_role("link", name="Upload a corrected file").click()
    assert_accessible(page, "legacy-05-upload-again")
    upload(page, "people-fixed.csv", csv_bytes(good_rows(3)))
    page.get_by_label("Use a saved mapping").select_option("Day centre people")
    page.get_by_role("button", name="Use this mapping").click()
    assert_accessible(page, "legacy-06-saved-mapping")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_text("All 3 rows of people are ready to import")).to_be_visible()
    assert_accessible(page, "legacy-07-preview-ready")

    page.get_by_role("button", name="Import 3 rows").click()
    expect(page.get_by_role("heading", name="Import of people-fixed.csv")).to_be_visible()
    expect(page.get_by_text("3 of 3")).to_be_visible()
    assert_accessible(page, "legacy-08-result")
    assert Person.objects.filter(family_name__startswith="Family").count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_progress_page_of_a_running_import_passes_axe_and_polls(live_server: LiveServer, page: Page) -> None:
    from interop.legacy import progress
    from interop.legacy.models import ImportRun
    from interop.tests.legacy_factories import make_run

    manager = UserFactory.create(role=Role.MANAGER, username="olivia", first_name="Olivia")
    run = make_run(by=manager, rows=good_rows(4), columns=True)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING)
    progress.report(run.pk, phase="importing", done=1, total=4)
    sign_in_through_pages(page, live_server.url, manager)
    page.goto(f"{live_server.url}/interop/import/{run.pk}/")
    expect(page.get_by_text("1 of 4 rows (25%)")).to_be_visible()
    assert_accessible(page, "legacy-09-progress")
    progress.report(run.pk, phase="importing", done=3, total=4)  # the live server shares this process's cache
    expect(page.get_by_text("3 of 4 rows (75%)")).to_be_visible(timeout=5000)  # HTMX polled it
    expect(page.locator("#import-announcement")).to_have_text("Saving the rows: 70% done")


@pytest.mark.django_db(transaction=True)
def test_manager_states_the_date_format_imports_the_rows_that_are_right_and_restarts_an_interrupted_run(
    live_server: LiveServer, page: Page
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from interop.legacy.models import ImportRun
    from interop.tests.legacy_factories import make_run

    manager = UserFactory.create(role=Role.MANAGER, username="olivia", first_name="Olivia")
    sign_in_through_pages(page, live_server.url, manager)
    page.goto(f"{live_server.url}/interop/import/")
    rows = good_rows(3)
    rows[0][3] = "03/04/1985"  # reads both ways
    rows[2][4] = "999 000 0019"  # a wrong check digit
    text = "\n".join(";".join(row) for row in [list(COLUMNS.values()), *rows]).encode()  # semicolons, found by STaR
    upload(page, "people.csv", text)
    for name, heading in COLUMNS.items():
        label = LABELS[name] + ("" if name in {"given_name", "family_name", "date_of_birth"} else " (optional)")
        page.get_by_label(label, exact=True).select_option(heading)
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_text("could be read day first or month first")).to_be_visible()
    page.get_by_role("link", name="Change which column holds which detail").click()
    page.get_by_label("Day first, like 27/03/1990 (UK)").check()
    assert_accessible(page, "legacy-10-date-format")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("heading", name="There is 1 problem in the file")).to_be_visible()
    assert_accessible(page, "legacy-11-preview-rows-that-are-right")
    page.get_by_role("button", name="Import the rows that are right").click()
    expect(page.get_by_text("1 row was left out because of problems")).to_be_visible()
    assert_accessible(page, "legacy-12-rows-left-out")
    assert Person.objects.filter(family_name__startswith="Family").count() == 2

    stuck = make_run(by=manager, rows=good_rows(2, start=10), columns=True)
    ImportRun.objects.filter(pk=stuck.pk).update(status=ImportRun.Status.IMPORTING, started_at=timezone.now() - timedelta(hours=1))
    page.goto(f"{live_server.url}/interop/import/{stuck.pk}/")
    expect(page.get_by_role("heading", name="Interrupted: nothing saved")).to_be_visible()
    assert_accessible(page, "legacy-13-interrupted")
    page.get_by_role("button", name="Start the import again").click()
    expect(page.get_by_text("2 of 2")).to_be_visible()
