"""Large exports and copies of a record leave the request when a broker is set (issue 22): the
dashboard's tables (CSV, XLSX), the MHSDS-style extract, the subject access copies (JSON, ZIP) and
the member's copy of their record. Each is asked for on a page that works without JavaScript,
prepared by the worker (Celery's eager mode, run when the request's transaction commits), and
gives the asker the same file as the page gives without a broker, with the same audit events;
anyone else is told it does not exist."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in
from downloads.models import PreparedDownload
from portal.models import RecordDownload
from records import services as records
from records.models import FlaggedItem, SubjectAccessRequest
from reports.tests.fixtures import build

pytestmark = pytest.mark.django_db

Q3 = "?kind=quarter&start=2025-11-01"
# Files that carry the time they were made (an XLSX's properties, the export's "made on") are
# compared at one frozen moment.
A_MOMENT = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


@pytest.fixture
def broker(settings: Any) -> Iterator[None]:
    settings.STAR_CELERY_BROKER_URL = "memory://"  # tasks still run eagerly in tests, on commit
    yield


def _prepared(client: Client, url: str, callbacks: Any) -> PreparedDownload:
    """Open the offer page (a GET starts nothing), send its form, follow the progress page."""
    offer = client.get(url)
    page = offer.content.decode()
    assert offer.status_code == 200 and "Prepare the file" in page and "Check again" not in page
    assert not PreparedDownload.objects.exists(), "a GET never starts work"
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    with callbacks(execute=True):
        asked = client.post(url, {"submission_key": key})
    download = PreparedDownload.objects.get()
    assert asked.status_code == 302 and asked["Location"] == reverse("downloads:status", kwargs={"download_id": download.pk})
    download.refresh_from_db()
    assert download.status == PreparedDownload.Status.READY, download.problem
    return download


def _file(client: Client, download: PreparedDownload) -> bytes:
    status = client.get(reverse("downloads:status", kwargs={"download_id": download.pk})).content.decode()
    assert "Your file is ready" in status and download.filename in status
    response = client.get(reverse("downloads:file", kwargs={"download_id": download.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{download.filename}"'
    assert response["Content-Type"] == download.content_type and response["Content-Length"] == str(download.size)
    return response.getvalue()  # streamed from storage


def _nobody_else(client: Client, download: PreparedDownload, *others: User) -> None:
    for user in others:
        sign_in(client, user)
        assert client.get(reverse("downloads:status", kwargs={"download_id": download.pk})).status_code == 404
        assert client.get(reverse("downloads:file", kwargs={"download_id": download.pk})).status_code == 404


def _opened_by(download: PreparedDownload) -> list[int]:
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_id=str(download.pk)).values_list("user_id", flat=True))


@pytest.mark.parametrize(("role", "key", "fmt"), [("manager", "referrals-by-source", "csv"), ("commissioner", "one-to-one", "xlsx")])
def test_a_dashboard_table_is_the_same_file_from_the_worker(
    client: Client, world: World, settings: Any, django_capture_on_commit_callbacks: Any, role: str, key: str, fmt: str
) -> None:
    build(world.worker)
    asker = getattr(world, role)
    url = reverse("reports:export_table", kwargs={"key": key, "fmt": fmt}) + Q3
    sign_in(client, asker)
    with time_machine.travel(A_MOMENT, tick=False):
        direct = client.get(url)
        assert direct.status_code == 200 and direct["Content-Disposition"].endswith(f'.{fmt}"')
        assert not PreparedDownload.objects.exists(), "without a broker the page sends the file itself"
        settings.STAR_CELERY_BROKER_URL = "memory://"
        download = _prepared(client, url, django_capture_on_commit_callbacks)
        prepared = _file(client, download)
    if fmt == "csv":
        assert prepared == direct.content
    else:  # the same sheets, properties and styles (the archive's own timestamps may differ)
        assert _members(prepared) == _members(direct.content)
    assert download.filename == direct["Content-Disposition"].split('filename="')[1].rstrip('"')
    assert _opened_by(download) == [asker.pk]
    _nobody_else(client, download, UserFactory.create(role=getattr(Role, role.upper())), world.worker)


def test_a_table_the_report_does_not_have_fails_plainly(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, world.manager)
    url = reverse("reports:export_table", kwargs={"key": "nope", "fmt": "csv"}) + Q3
    page = client.get(url).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"submission_key": key})
    download = PreparedDownload.objects.get()
    download.refresh_from_db()
    assert download.status == PreparedDownload.Status.FAILED and download.problem == "That table is not in the report"
    status = client.get(reverse("downloads:status", kwargs={"download_id": download.pk})).content.decode()
    assert "Go back and ask again" in status and reverse("reports:dashboard") in status


def test_the_mhsds_extract_is_the_same_file_and_audits_everyone_in_it(
    client: Client, world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    counted = build(world.worker)
    url = reverse("reports:mhsds_extract") + Q3
    sign_in(client, world.manager)
    exported = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail__export="mhsds")
    direct = client.get(url).content
    by_page = list(exported.values_list("pk", flat=True))

    settings.STAR_CELERY_BROKER_URL = "memory://"
    download = _prepared(client, url, django_capture_on_commit_callbacks)
    assert _file(client, download) == direct
    assert download.filename == "mhsds-extract-2025-10-01-2025-12-31.csv"
    # The worker writes what the page writes: one event per person and one for the whole extract.
    by_page_rows, by_worker_rows = exported.filter(pk__in=by_page), exported.exclude(pk__in=by_page)
    for rows in (by_page_rows, by_worker_rows):
        assert set(rows.values_list("person_id", "user_id")) == {
            (counted.a.pk, world.manager.pk),
            (counted.b.pk, world.manager.pk),
            (None, world.manager.pk),
        }
        assert rows.count() == 3 and rows.get(person_id__isnull=True).detail["people"] == 2
    # A commissioner sees the report's tables but may not have people's records.
    _nobody_else(client, download, world.commissioner, UserFactory.create(role=Role.MANAGER))
    sign_in(client, world.commissioner)
    assert client.get(url).status_code == 403


def _approved(world: World) -> SubjectAccessRequest:
    record = records.log_subject_access_request(
        by=world.admin,
        person=world.stranger,
        requested_by="Themselves",
        received_on=date(2026, 11, 1),
        received_how="letter",
        identity_checked_how="Photo ID seen",
    )
    records.approve_subject_access_request(by=world.manager, record=record)
    return record


def _released(world: World) -> SubjectAccessRequest:
    record = _approved(world)
    records.sync_flags(record=record)
    FlaggedItem.objects.filter(request=record).update(decision="disclose")
    records.release(by=world.admin, record=record)
    return record


def _members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("wanted", ["json", "zip"])
def test_the_released_subject_access_copy_is_the_same_file_from_the_worker(
    client: Client, world: World, settings: Any, django_capture_on_commit_callbacks: Any, wanted: str
) -> None:
    record = _released(world)
    url = reverse("records:request_released", kwargs={"request_id": record.pk}) + f"?format={wanted}"
    sign_in(client, world.admin)
    with time_machine.travel(A_MOMENT, tick=False):
        direct = client.get(url)
        direct_content = direct.getvalue()  # a ZIP is streamed
        settings.STAR_CELERY_BROKER_URL = "memory://"
        download = _prepared(client, url, django_capture_on_commit_callbacks)
        prepared = _file(client, download)
    assert download.filename == f"subject-access-{record.pk}.{wanted}"
    if wanted == "json":
        assert prepared == direct_content
        assert json.loads(prepared)["person"] == str(world.stranger.pk)
    else:
        assert _members(prepared) == _members(direct_content)
    exports = AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, person_id=world.stranger.pk, object_id=str(record.pk), detail__copy="released"
    )
    assert list(exports.values_list("user_id", "detail")) == [(world.admin.pk, {"format": wanted, "copy": "released"})] * 2
    assert _opened_by(download) == [world.admin.pk]
    _nobody_else(client, download, world.manager, world.worker)


def test_the_working_copy_is_prepared_and_audited_as_the_page_does(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: Any
) -> None:
    record = _approved(world)
    url = reverse("records:request_export", kwargs={"request_id": record.pk}) + "?format=zip"
    sign_in(client, world.admin)
    download = _prepared(client, url, django_capture_on_commit_callbacks)
    members = _members(_file(client, download))
    name = f"subject-access-{record.pk}-working-copy"
    assert download.filename == f"{name}.zip"
    assert json.loads(members[f"{name}.json"])["person"] == str(world.stranger.pk)
    exports = AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, person_id=world.stranger.pk, object_id=str(record.pk), detail__copy="working"
    )
    assert list(exports.values_list("user_id", "detail")) == [(world.admin.pk, {"format": "zip", "copy": "working"})]
    # The page on screen is not a file: it is still shown at once.
    page = client.get(reverse("records:request_export", kwargs={"request_id": record.pk}))
    assert "Everything we hold about Alan Turing" in page.content.decode()
    _nobody_else(client, download, world.manager, world.worker)


def test_a_copy_asked_for_before_the_approval_was_withdrawn_is_not_made(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: Any
) -> None:
    record = _approved(world)
    url = reverse("records:request_export", kwargs={"request_id": record.pk}) + "?format=json"
    sign_in(client, world.admin)
    key = client.get(url).content.decode().split('name="submission_key" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url, {"submission_key": key})
    SubjectAccessRequest.objects.filter(pk=record.pk).update(approved_by=None, approved_at=None)
    for callback in callbacks:
        callback()
    download = PreparedDownload.objects.get()
    assert download.status == PreparedDownload.Status.FAILED and "must approve it" in download.problem
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, person_id=world.stranger.pk).exists()


def _member_form(client: Client) -> str:
    form = client.get(reverse("portal:download")).content.decode()
    return form.split('name="request_token" value="')[1].split('"')[0]


def test_the_members_copy_is_made_by_the_worker_and_theirs_alone(
    client: Client, world: World, broker: None, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, world.member)
    token = _member_form(client)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(reverse("portal:make_download"), {"request_token": token})
        again = client.post(reverse("portal:make_download"), {"request_token": token})
    download = PreparedDownload.objects.get()
    assert asked["Location"] == again["Location"] == reverse("downloads:status", kwargs={"download_id": download.pk})
    download.refresh_from_db()
    assert download.status == PreparedDownload.Status.READY, download.problem
    copy = RecordDownload.objects.get()
    ready_url = reverse("portal:download_ready", kwargs={"download_id": copy.pk})
    status = client.get(reverse("downloads:status", kwargs={"download_id": download.pk})).content.decode()
    assert f'href="{ready_url}"' in status

    prepared = _file(client, download)
    direct = client.get(reverse("portal:download_file", kwargs={"download_id": copy.pk, "file_format": "pdf"}))
    assert prepared.startswith(b"%PDF") and prepared == direct.content == bytes(copy.pdf)
    assert download.filename == direct["Content-Disposition"].split('filename="')[1].rstrip('"')
    made = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, person_id=world.member_person.pk, detail__own_download=True)
    assert list(made.values_list("user_id", "object_id")) == [(world.member.pk, str(copy.pk))]
    assert _opened_by(download) == [world.member.pk]
    _nobody_else(client, download, world.worker, world.manager)


def test_without_a_broker_the_members_copy_is_made_at_once(client: Client, world: World) -> None:
    sign_in(client, world.member)
    response = client.post(reverse("portal:make_download"), {"request_token": _member_form(client)})
    copy = RecordDownload.objects.get()
    assert response["Location"] == reverse("portal:download_ready", kwargs={"download_id": copy.pk})
    assert not PreparedDownload.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_managers_list_export_is_the_same_file_and_audits_everyone_in_it(
    client: Client, world: World, settings: Any, django_capture_on_commit_callbacks: Any, fmt: str
) -> None:
    url = reverse(f"interop:export_{fmt}", kwargs={"list_name": "people"})
    link = f'<a href="{url}"'
    exported = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail__export="people", detail__format=fmt)
    sign_in(client, world.manager)
    assert f"{link} download>" in client.get(reverse("interop:export_list")).content.decode()
    with time_machine.travel(A_MOMENT, tick=False):
        direct = client.get(url)
        direct_content = direct.getvalue()  # the CSV is streamed
        by_page = set(exported.values_list("person_id", "user_id"))
        settings.STAR_CELERY_BROKER_URL = "memory://"
        # The link opens the offer page: a browser must not save that page as the file.
        assert f"{link}>" in client.get(reverse("interop:export_list")).content.decode()
        download = _prepared(client, url, django_capture_on_commit_callbacks)
        prepared = _file(client, download)
    assert download.filename == direct["Content-Disposition"].split('filename="')[1].rstrip('"')
    if fmt == "csv":
        assert prepared == direct_content and "Seacole" in prepared.decode()
    else:
        assert _members(prepared) == _members(direct_content)
    assert world.member_person.pk in {person for person, _ in by_page} and {user for _, user in by_page} == {world.manager.pk}
    assert set(exported.values_list("person_id", "user_id")) == by_page and exported.count() == 2 * len(by_page)
    _nobody_else(client, download, world.worker, UserFactory.create(role=Role.MANAGER))


def test_the_offer_sent_twice_asks_once(client: Client, world: World, broker: None, django_capture_on_commit_callbacks: Any) -> None:
    url = reverse("reports:mhsds_extract") + Q3
    sign_in(client, world.manager)
    key = client.get(url).content.decode().split('name="submission_key" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"submission_key": key})
        second = client.post(url, {"submission_key": key})
    assert PreparedDownload.objects.count() == 1
    assert first["Location"] == second["Location"]
    summaries = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, person_id__isnull=True, detail__export="mhsds")
    assert summaries.count() == 1, "the extract is made, and audited, once"
