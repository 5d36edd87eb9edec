"""A report's PDF prepared in the background when a broker is set: asked for with a POST, prepared
by a worker (here Celery's eager mode, run when the request's transaction commits), served only to
the person who asked, audited on every download, deleted after a day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in
from downloads import services
from downloads.models import PreparedDownload
from reports import downloads as report_downloads

PDF_URL = reverse("reports:quarterly_pdf") + "?kind=quarter"


@pytest.fixture
def broker(settings: Settings) -> Iterator[None]:
    settings.STAR_CELERY_BROKER_URL = "memory://"  # tasks still run eagerly in tests, on commit
    yield


def _ask(client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks) -> PreparedDownload:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PDF_URL)
    download = PreparedDownload.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("downloads:status", kwargs={"download_id": download.pk})
    download.refresh_from_db()
    return download


@pytest.mark.django_db
def test_without_a_broker_the_page_sends_the_pdf_itself(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    response = client.get(PDF_URL)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not PreparedDownload.objects.exists()


@pytest.mark.django_db
def test_with_a_broker_a_get_only_offers_to_prepare_it(client: Client, world: World, broker: None) -> None:
    sign_in(client, world.manager)
    response = client.get(PDF_URL)
    assert response.status_code == 200
    assert "Prepare the PDF" in response.content.decode()
    assert not PreparedDownload.objects.exists()


@pytest.mark.django_db
def test_the_worker_prepares_it_and_only_the_asker_downloads_it(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    sign_in(client, world.manager)
    download = _ask(client, django_capture_on_commit_callbacks)
    assert download.status == PreparedDownload.Status.READY
    page = client.get(reverse("downloads:status", kwargs={"download_id": download.pk})).content.decode()
    assert "Your file is ready" in page and download.filename in page

    response = client.get(reverse("downloads:file", kwargs={"download_id": download.pk}))
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="{download.filename}"'
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_id=str(download.pk), user=world.manager).count() == 1

    other_manager = UserFactory.create(role=Role.MANAGER)
    for user in (other_manager, world.worker):
        sign_in(client, user)
        assert client.get(reverse("downloads:status", kwargs={"download_id": download.pk})).status_code == 404
        assert client.get(reverse("downloads:file", kwargs={"download_id": download.pk})).status_code == 404


@pytest.mark.django_db
def test_the_commissioners_file_has_the_suppressed_figures(
    client: Client,
    world: World,
    broker: None,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[bool] = []
    real = report_downloads.quarterly_pdf_bytes

    def spy(period: Any, *, project: Any, suppressed: bool, **scope: Any) -> bytes:
        asked.append(suppressed)
        return real(period, project=project, suppressed=suppressed, **scope)

    monkeypatch.setattr(report_downloads, "quarterly_pdf_bytes", spy)
    sign_in(client, world.commissioner)
    assert _ask(client, django_capture_on_commit_callbacks).status == PreparedDownload.Status.READY
    assert asked == [True]


@pytest.mark.django_db
def test_someone_who_loses_the_right_before_it_is_ready_gets_nothing(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    sign_in(client, world.manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(PDF_URL)
    download = PreparedDownload.objects.get()
    world.manager.role = Role.STR_WORKER
    world.manager.save()
    for callback in callbacks:
        callback()
    download.refresh_from_db()
    assert download.status == PreparedDownload.Status.FAILED
    assert download.problem == "You can no longer have this file"
    assert not download.stored_name


@pytest.mark.django_db
def test_a_second_delivery_of_the_task_does_nothing(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    sign_in(client, world.manager)
    download = _ask(client, django_capture_on_commit_callbacks)
    assert services.prepare(str(download.pk)) is None
    assert PreparedDownload.objects.get().stored_name == download.stored_name


@pytest.mark.django_db
def test_a_builder_that_breaks_leaves_a_plain_message(
    client: Client,
    world: World,
    broker: None,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_downloads, "quarterly_pdf_bytes", broken)
    sign_in(client, world.manager)
    download = _ask(client, django_capture_on_commit_callbacks)
    assert download.status == PreparedDownload.Status.FAILED
    page = client.get(reverse("downloads:status", kwargs={"download_id": download.pk})).content.decode()
    assert "Something went wrong preparing this file. Ask for it again." in page
    assert client.get(reverse("downloads:file", kwargs={"download_id": download.pk})).status_code == 409


@pytest.mark.django_db
def test_files_are_deleted_after_a_day(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    sign_in(client, world.manager)
    download = _ask(client, django_capture_on_commit_callbacks)
    assert default_storage.exists(download.stored_name)
    assert services.expire(now=timezone.now() + timedelta(hours=23)) == 0
    assert services.expire(now=timezone.now() + timedelta(hours=25)) == 1
    assert not default_storage.exists(download.stored_name)
    assert not PreparedDownload.objects.exists()


@pytest.mark.django_db
def test_the_same_form_sent_twice_asks_once(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    sign_in(client, world.manager)
    page = client.get(PDF_URL).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(PDF_URL, {"submission_key": key})
        second = client.post(PDF_URL, {"submission_key": key})
    assert PreparedDownload.objects.count() == 1
    assert first["Location"] == second["Location"]
