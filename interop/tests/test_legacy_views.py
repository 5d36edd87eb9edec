"""The manager's import pages: upload, match columns (saved and reused), preview problems, import."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from interop.legacy.models import ImportMapping, ImportRun
from interop.tests.legacy_factories import COLUMNS, csv_bytes, good_rows, make_run
from people.models import Person


def upload(client: Client, content: bytes, name: str = "people.csv", kind: str = "people") -> object:
    return client.post(
        reverse("interop:legacy_start"), {"kind": kind, "source_system": "Day centre", "file": SimpleUploadedFile(name, content)}
    )


def test_the_whole_journey_imports_the_people(as_manager: Client, world: World, django_capture_on_commit_callbacks: Any) -> None:
    response = upload(as_manager, csv_bytes(good_rows(3)))
    run = ImportRun.objects.get()
    assert response.headers["Location"] == reverse("interop:legacy_map", kwargs={"run_id": run.pk})  # type: ignore[attr-defined]
    page = as_manager.get(reverse("interop:legacy_map", kwargs={"run_id": run.pk}))
    assert "Match the columns" in page.content.decode()
    mapping = {**COLUMNS, "save_as": "Day centre people"}
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
    as_manager: Client, world: World, django_capture_on_commit_callbacks: Any
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


def test_a_file_over_the_limit_is_refused_with_the_limit_stated(as_manager: Client, settings: object) -> None:
    settings.STAR_IMPORT_MAX_BYTES = 2048  # type: ignore[attr-defined]
    page = upload(as_manager, csv_bytes(good_rows(60))).content.decode()  # type: ignore[attr-defined]
    assert "The file is too big. It must be 2 KB or smaller" in page
    assert not ImportRun.objects.exists()


def test_an_unreadable_file_is_refused_with_what_to_do(as_manager: Client) -> None:
    page = upload(as_manager, b"Forename\n\x81\x8d\n").content.decode()  # type: ignore[attr-defined]
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
