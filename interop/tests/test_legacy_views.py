"""The manager's import pages: upload, match columns (saved and reused), preview problems, import."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from community.tests.factories import ActivityFactory, ProjectFactory
from conftest import World
from interop.legacy import progress
from interop.legacy.models import ImportKind, ImportMapping, ImportRun
from interop.tests.legacy_factories import (
    ATTENDANCE_COLUMNS,
    ATTENDANCE_HEADINGS,
    COLUMNS,
    CONTACT_COLUMNS,
    CONTACT_HEADINGS,
    REFERRAL_COLUMNS,
    REFERRAL_HEADINGS,
    csv_bytes,
    good_rows,
    import_people_file,
    make_kind_run,
    make_run,
)
from people.models import Person

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse


def upload(client: Client, content: bytes, name: str = "people.csv", kind: str = "people") -> _MonkeyPatchedWSGIResponse:
    return client.post(
        reverse("interop:legacy_start"), {"kind": kind, "source_system": "Day centre", "file": SimpleUploadedFile(name, content)}
    )


def test_the_whole_journey_imports_the_people(
    as_manager: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    response = upload(as_manager, csv_bytes(good_rows(3)))
    run = ImportRun.objects.get()
    assert response.headers["Location"] == reverse("interop:legacy_map", kwargs={"run_id": run.pk})
    page = as_manager.get(reverse("interop:legacy_map", kwargs={"run_id": run.pk}))
    assert "Match the columns" in page.content.decode()
    mapping = {**COLUMNS, "save_as": "Day centre people", "date_format": "day_first"}
    response = as_manager.post(reverse("interop:legacy_map", kwargs={"run_id": run.pk}), mapping)
    assert response.status_code == 302
    assert ImportMapping.objects.get(name="Day centre people").columns["nhs_number"] == "NHS No"
    preview = as_manager.get(reverse("interop:legacy_preview", kwargs={"run_id": run.pk})).content.decode()
    assert "All 3 rows of people are ready to import" in preview and "Given1" in preview
    with django_capture_on_commit_callbacks(execute=True):
        as_manager.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk}))
    result = as_manager.get(reverse("interop:legacy_result", kwargs={"run_id": run.pk})).content.decode()
    assert "3 of 3" in result
    assert Person.objects.filter(family_name__startswith="Family").count() == 3


def test_a_saved_mapping_fills_in_the_columns(as_manager: Client, world: World) -> None:
    ImportMapping.objects.create(name="Old", columns=COLUMNS, created_by=world.manager)
    run = make_run(by=world.manager)
    page = as_manager.get(reverse("interop:legacy_map", kwargs={"run_id": run.pk}), {"mapping": "Old"}).content.decode()
    assert '<option value="NHS No" selected' in page


def test_the_preview_lists_problems_by_row_and_column_and_offers_them_as_csv(
    as_manager: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    rows = good_rows(2)
    rows[1][3] = "31/02/1990"
    run = make_run(by=world.manager, rows=rows, columns=True)
    page = as_manager.get(reverse("interop:legacy_preview", kwargs={"run_id": run.pk})).content.decode()
    assert "There is 1 problem in the file" in page
    assert "DOB" in page and "not a date" in page
    assert "Import 2 rows" not in page
    report = as_manager.get(reverse("interop:legacy_problems", kwargs={"run_id": run.pk})).content.decode()
    assert report.splitlines()[1].startswith("3,DOB,")
    with django_capture_on_commit_callbacks(execute=True):
        as_manager.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk}))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert Person.objects.filter(family_name__startswith="Family").count() == 0


def test_a_file_over_the_limit_is_refused_with_the_limit_stated(as_manager: Client, settings: Settings) -> None:
    settings.STAR_IMPORT_MAX_BYTES = 2048
    page = upload(as_manager, csv_bytes(good_rows(60))).content.decode()
    assert "The file is too big. It must be 2 KB or smaller" in page
    assert not ImportRun.objects.exists()


def test_an_unreadable_file_is_refused_with_what_to_do(as_manager: Client) -> None:
    page = upload(as_manager, b"Forename\n\x81\x8d\n").content.decode()
    assert "Save it from the old system as &#x27;CSV UTF-8&#x27;" in page or "CSV UTF-8" in page
    assert not ImportRun.objects.exists()


def test_workers_cannot_reach_an_import(as_worker: Client, world: World) -> None:
    run = make_run(by=world.manager, columns=True)
    assert as_worker.get(reverse("interop:legacy_preview", kwargs={"run_id": run.pk})).status_code == 403
    assert as_worker.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk})).status_code == 403
    run.refresh_from_db()
    assert run.status == ImportRun.Status.UPLOADED


def test_an_unknown_run_is_not_found(as_manager: Client) -> None:
    assert as_manager.get(reverse("interop:legacy_result", kwargs={"run_id": 999})).status_code == 404


KIND_FILES = {
    "referrals": (REFERRAL_HEADINGS, REFERRAL_COLUMNS, [["R1", "DC000001", "02/01/2024", "GP", "Withdrawn", "09/01/2024", "yes", ""]]),
    "contacts": (CONTACT_HEADINGS, CONTACT_COLUMNS, [["C1", "DC000001", "02/01/2024", "10:00", "30", "Phone", "", "Jo", ""]]),
    "attendances": (ATTENDANCE_HEADINGS, ATTENDANCE_COLUMNS, [["DC000001", "Walk and Talk", "", "06/01/2025", "10:00"]]),
}


@pytest.mark.parametrize("kind", list(KIND_FILES))
def test_each_kind_of_file_goes_through_upload_mapping_preview_import_and_status(
    kind: str, as_manager: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    import_people_file(by=world.manager)
    ActivityFactory.create(project=ProjectFactory.create(name="Walk and Talk"))
    headings, columns, rows = KIND_FILES[kind]
    response = upload(as_manager, csv_bytes(rows, headings=headings), name=f"{kind}.csv", kind=kind)
    run = ImportRun.objects.get(kind=kind)
    assert response.headers["Location"] == reverse("interop:legacy_map", kwargs={"run_id": run.pk})
    page = as_manager.get(reverse("interop:legacy_map", kwargs={"run_id": run.pk})).content.decode()
    assert "person id" in page, page[page.find("<main") :][:3000]
    response = as_manager.post(
        reverse("interop:legacy_map", kwargs={"run_id": run.pk}), {**columns, "save_as": "Day centre", "date_format": "day_first"}
    )
    assert response.status_code == 302
    assert ImportMapping.objects.get(kind=kind, name="Day centre").columns == columns
    preview = as_manager.get(reverse("interop:legacy_preview", kwargs={"run_id": run.pk})).content.decode()
    assert f"All 1 rows of {ImportKind(kind).label.lower()} are ready to import" in preview
    with django_capture_on_commit_callbacks(execute=True):
        response = as_manager.post(reverse("interop:legacy_import", kwargs={"run_id": run.pk}))
    assert response.headers["Location"] == reverse("interop:legacy_result", kwargs={"run_id": run.pk})
    status = as_manager.get(reverse("interop:legacy_result", kwargs={"run_id": run.pk})).content.decode()
    assert "Imported" in status and "1 of 1" in status
    assert 'hx-trigger="every 1s"' not in status  # finished: nothing to poll
    run.refresh_from_db()
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 1)


def test_saved_mappings_are_offered_only_for_their_kind_of_file(as_manager: Client, world: World) -> None:
    ImportMapping.objects.create(name="People from Day centre", columns=COLUMNS, created_by=world.manager)
    ImportMapping.objects.create(name="Referrals from Day centre", kind="referrals", columns=REFERRAL_COLUMNS, created_by=world.manager)
    run = make_kind_run(by=world.manager, kind="referrals", headings=REFERRAL_HEADINGS, rows=[], columns={})
    page = as_manager.get(reverse("interop:legacy_map", kwargs={"run_id": run.pk})).content.decode()
    assert "Referrals from Day centre" in page and "People from Day centre" not in page


def test_preview_of_a_referrals_file_lists_people_not_brought_in(as_manager: Client, world: World) -> None:
    rows = [["R1", "DC000009", "02/01/2024", "GP", "Withdrawn", "", "yes", ""]]
    run = make_kind_run(by=world.manager, kind="referrals", headings=REFERRAL_HEADINGS, rows=rows, columns=REFERRAL_COLUMNS)
    page = as_manager.get(reverse("interop:legacy_preview", kwargs={"run_id": run.pk})).content.decode()
    assert "There is 1 problem in the file" in page and "import the people file first" in page
    report = as_manager.get(reverse("interop:legacy_problems", kwargs={"run_id": run.pk})).content.decode()
    assert report.splitlines()[1].startswith("2,Client ID,")


def test_the_status_page_shows_progress_with_and_without_javascript(
    as_manager: Client, world: World, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    run = make_run(by=world.manager, rows=good_rows(4), columns=True)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING)
    progress.report(run.pk, phase="importing", done=1, total=4)
    url = reverse("interop:legacy_result", kwargs={"run_id": run.pk})
    with django_assert_max_num_queries(12):
        page = as_manager.get(url).content.decode()
    assert '<progress id="import-progress" class="star-progress" max="4" value="1">25%</progress>' in page
    assert "1 of 4 rows (25%)" in page
    assert f'<a class="nhsuk-button nhsuk-button--secondary" href="{url}">Check progress</a>' in page  # without JavaScript
    assert f'hx-get="{url}" hx-trigger="every 1s"' in page  # with it
    assert 'aria-live="polite"' in page and "Saving the rows: 20% done" in page
    polled = as_manager.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="import-status"' in polled and 'id="import-announcement"' in polled


def test_pressing_import_twice_imports_once(
    as_manager: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    run = make_run(by=world.manager, rows=good_rows(2), columns=True)
    url = reverse("interop:legacy_import", kwargs={"run_id": run.pk})
    with django_capture_on_commit_callbacks(execute=True):
        as_manager.post(url)
        as_manager.post(url)
    run.refresh_from_db()
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 2)
    assert Person.objects.filter(family_name__startswith="Family").count() == 2
