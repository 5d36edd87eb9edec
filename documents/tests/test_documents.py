"""Uploading, listing, opening and removing documents on a person's record, through the gate."""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from audit.models import AuditEvent
from conftest import World, sign_in
from documents import sniffing
from documents.models import Document, ScanStatus
from documents.services import scan_held_documents, storage
from documents.tests import samples
from documents.tests.factories import make_document
from documents.tests.fake_clamd import SIGNATURE, VIRUS_MARKER, fake_clamd
from enablement.tests.factories import EpisodeFactory
from notifications.models import Message
from referrals.tests.factories import ReferralFactory
from safeguarding.tests.factories import SafeguardingConcernFactory
from submissions.tests.create_forms import new_key

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse  # the test client's response type, only in django-stubs

pytestmark = pytest.mark.django_db


def _upload_url(world: World, query: str = "") -> str:
    return reverse("documents:upload", kwargs={"person_id": world.caseload_person.pk}) + query


def _send(client: Client, url: str, name: str, content: bytes, **extra: str) -> _MonkeyPatchedWSGIResponse:
    data = {
        "title": "Letter from Dr Okafor",
        "kind": "gp_letter",
        "file": samples.upload(name, content),
        "submission_key": new_key(),
        **extra,
    }
    return client.post(url, data)


def _file_name(document: Document) -> str:
    name = document.file.name
    assert name is not None
    return name


def _stored(document: Document) -> bytes:
    with storage().open(_file_name(document), "rb") as stream:
        content: bytes = stream.read()
        return content


def test_the_upload_page_works_on_a_phone(as_worker: Client, world: World) -> None:
    page = as_worker.get(_upload_url(world)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page
    assert 'accept="application/pdf,image/jpeg,image/png,image/heic' in page
    assert "up to 10 MB" in page
    assert 'name="submission_key"' in page


def test_without_a_scanner_an_upload_is_held_and_never_served(as_worker: Client, world: World) -> None:
    content = samples.pdf_bytes()
    response = _send(as_worker, _upload_url(world), "letter.pdf", content)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.scan_status == ScanStatus.QUARANTINED
    assert document.content_type == sniffing.PDF
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.original_filename == "letter.pdf"
    assert _file_name(document).startswith("documents/") and "letter" not in _file_name(document)
    assert _stored(document) == content
    assert os.stat(storage().path(_file_name(document))).st_mode & 0o777 == 0o600  # the service's user only
    assert document.text == ""  # read only once it is found clean
    page = as_worker.get(response["Location"]).content.decode()
    assert "held until it has been checked for viruses" in page
    assert "Held until checked for viruses" in page
    refused = as_worker.get(reverse("documents:download", kwargs={"document_id": document.pk}))
    assert refused.status_code == 409
    assert refused["Content-Type"].startswith("text/html")
    assert "has not been checked for viruses yet" in refused.content.decode()


def test_the_held_file_is_scanned_later_and_then_opens(as_worker: Client, world: World) -> None:
    _send(as_worker, _upload_url(world), "letter.pdf", samples.pdf_bytes("Housing appeal at the civic centre"))
    document = Document.objects.get()
    assert scan_held_documents().still_held == 1  # still no scanner
    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        run = scan_held_documents()
    assert (run.clean, run.infected, run.still_held) == (1, 0, 0)
    document.refresh_from_db()
    assert document.scan_status == ScanStatus.CLEAN and document.scanned_at is not None
    assert "Housing appeal at the civic centre" in document.text
    assert as_worker.get(reverse("documents:download", kwargs={"document_id": document.pk})).status_code == 200


def test_a_held_file_found_infected_later_is_deleted(
    as_worker: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _send(as_worker, _upload_url(world), "notes.txt", b"Notes " + VIRUS_MARKER)
    document = Document.objects.get()
    name = _file_name(document)
    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path), django_capture_on_commit_callbacks(execute=True):
        assert scan_held_documents().infected == 1
    document.refresh_from_db()
    assert document.scan_status == ScanStatus.INFECTED and document.scan_finding == SIGNATURE
    assert not document.file
    assert not storage().exists(name)
    assert AuditEvent.objects.filter(object_id=str(document.pk), detail__virus_check="infected").exists()
    told = Message.objects.get(template__code="document_virus_found")
    assert told.user == world.worker and "Star.Test.Marker" in told.body and "Ada" not in told.body


def test_with_a_scanner_a_clean_upload_opens_at_once_with_its_text(as_worker: Client, world: World) -> None:
    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        response = _send(as_worker, _upload_url(world), "appeal.txt", b"Housing appeal: bring the letter from the food bank\n")
    document = Document.objects.get()
    assert server.streams == [b"Housing appeal: bring the letter from the food bank\n"]
    assert document.scan_status == ScanStatus.CLEAN
    assert document.text == "Housing appeal: bring the letter from the food bank"
    assert "It was checked for viruses and can be opened" in as_worker.get(response["Location"]).content.decode()


def test_an_infected_upload_is_never_stored_and_the_uploader_is_told(as_worker: Client, world: World) -> None:
    files_before = set(storage().listdir("documents")[1]) if storage().exists("documents") else set()
    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        response = _send(as_worker, _upload_url(world), "letter.pdf", b"%PDF-1.4\n" + VIRUS_MARKER)
    document = Document.objects.get()
    assert document.scan_status == ScanStatus.INFECTED
    assert document.scan_finding == SIGNATURE
    assert not document.file
    files_after = set(storage().listdir("documents")[1]) if storage().exists("documents") else set()
    assert files_after == files_before
    page = as_worker.get(response["Location"]).content.decode()
    assert "found something harmful in this file (Star.Test.Marker), so it was not kept" in page
    assert "Virus found: not kept" in page
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(document.pk))
    assert event.detail == {"document": "gp_letter", "virus_check": "infected", "found": SIGNATURE}


def test_when_the_scanner_fails_the_upload_is_held(as_worker: Client, world: World) -> None:
    with fake_clamd("error") as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        _send(as_worker, _upload_url(world), "letter.pdf", samples.pdf_bytes())
    assert Document.objects.get().scan_status == ScanStatus.PENDING


def test_a_program_named_like_a_pdf_is_refused(as_worker: Client, world: World) -> None:
    response = _send(as_worker, _upload_url(world), "GP letter.pdf", samples.EXE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file must be a PDF, a photo (JPEG, PNG or HEIC), a Word document (DOCX) or a plain text file" in page
    assert "whatever its name says" in page
    assert escape("Letter from Dr Okafor") in page  # what was typed is kept
    assert not Document.objects.exists()


def test_a_photo_named_like_a_pdf_is_kept_as_what_it_is(as_worker: Client, world: World) -> None:
    _send(as_worker, _upload_url(world), "plan.pdf", samples.JPEG)
    document = Document.objects.get()
    assert document.content_type == sniffing.JPEG
    assert _file_name(document).endswith(".jpg")


@override_settings(STAR_DOCUMENT_MAX_BYTES=2 * 1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_with_the_limit(as_worker: Client, world: World) -> None:
    response = _send(as_worker, _upload_url(world), "big.txt", b"a" * (2 * 1024 * 1024 + 200 * 1024))
    assert response.status_code == 200
    assert "The file must be 2 MB or smaller. This one is 2.2 MB" in response.content.decode()
    assert not Document.objects.exists()


def test_sending_the_form_twice_keeps_one_document_and_one_file(as_worker: Client, world: World) -> None:
    data = {"title": "Consent form", "kind": "consent_form", "submission_key": new_key()}
    for _ in range(2):
        as_worker.post(_upload_url(world), {**data, "file": samples.upload("consent.pdf", samples.pdf_bytes())})
    assert Document.objects.count() == 1
    assert len(storage().listdir("documents")[1]) == len({d.file.name for d in Document.objects.all()}) + _others()


def _others() -> int:
    """Files other tests left in the shared throw-away folder are not this test's concern."""
    return len(storage().listdir("documents")[1]) - Document.objects.exclude(file="").count()


def test_download_headers_and_an_audit_event_on_every_read(as_worker: Client, world: World) -> None:
    content = b"Dear Ada,\nYour appeal is on 3 March.\n"
    document = make_document(person=world.caseload_person, by=world.worker, content=content, title="Appeal letter: 3/3")
    url = reverse("documents:download", kwargs={"document_id": document.pk})
    for _ in range(2):
        response = as_worker.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content  # type: ignore[attr-defined]
        assert response["Content-Disposition"] == 'attachment; filename="Appeal letter 33.txt"'
        assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "text/plain"
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_id=str(document.pk), detail={"read": "file"})
    assert reads.count() == 2
    assert {event.person_id for event in reads} == {world.caseload_person.pk}


def test_a_worker_without_a_relationship_gets_not_found(client: Client, world: World) -> None:
    document = make_document(person=world.stranger, by=world.other_worker)
    sign_in(client, world.worker)
    assert client.get(reverse("documents:download", kwargs={"document_id": document.pk})).status_code == 404
    assert client.get(reverse("documents:remove", kwargs={"document_id": document.pk})).status_code == 404
    assert client.get(reverse("documents:person", kwargs={"person_id": world.stranger.pk})).status_code == 404
    assert client.get(reverse("documents:upload", kwargs={"person_id": world.stranger.pk})).status_code == 404


@pytest.mark.parametrize("role", ["member", "volunteer", "lead", "commissioner", "admin"])
def test_nobody_else_gets_anything(client: Client, world: World, role: str) -> None:
    document = make_document(person=world.member_person, by=world.worker)
    sign_in(client, getattr(world, role))
    assert client.get(reverse("documents:download", kwargs={"document_id": document.pk})).status_code == 403
    assert client.get(reverse("documents:person", kwargs={"person_id": world.member_person.pk})).status_code == 403


def test_the_list_on_the_persons_record(as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    for number in range(3):
        make_document(person=world.caseload_person, by=world.worker, title=f"Letter {number}")
    make_document(person=world.caseload_person, by=world.worker, title="Held letter", status=ScanStatus.QUARANTINED)
    make_document(person=world.stranger, by=world.other_worker, title="Someone else's letter")
    with django_assert_max_num_queries(25):
        page = as_worker.get(reverse("documents:person", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Letter 0" in page and "Letter 2" in page and "Held letter" in page
    assert "Someone else" not in page
    person_page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert 'id="documents"' in person_page and "Letter 1" in person_page
    assert "Document added: Letter 1" in person_page  # on the timeline too


def test_documents_about_an_episode_a_referral_and_a_concern(as_worker: Client, world: World) -> None:
    person = world.caseload_person
    episode = EpisodeFactory.create(person=person, worker=world.worker)
    referral = ReferralFactory.create(person=person)
    concern = SafeguardingConcernFactory.create(person=person, raised_by=world.worker)
    pages = {
        "episode": (episode, reverse("enablement:episode", kwargs={"episode_id": episode.pk})),
        "referral": (referral, reverse("referrals:detail", kwargs={"referral_id": referral.pk})),
        "concern": (concern, reverse("safeguarding:concern_detail", kwargs={"person_id": person.pk, "concern_id": concern.pk})),
    }
    for kind, (record, page_url) in pages.items():
        page = as_worker.get(page_url).content.decode()
        assert escape(f"{_upload_url(world)}?{kind}={record.pk}") in page
        response = _send(
            as_worker, f"{_upload_url(world)}?{kind}={record.pk}", f"{kind}.txt", f"About the {kind}\n".encode(), title=f"About the {kind}"
        )
        assert response["Location"] == page_url
        document = Document.objects.get(title=f"About the {kind}")
        assert getattr(document, kind) == record
        assert f"About the {kind}" in as_worker.get(page_url).content.decode()
    # Each page lists only its own record's documents.
    assert "About the referral" not in as_worker.get(pages["episode"][1]).content.decode()


def test_a_document_cannot_be_about_someone_elses_record(as_worker: Client, world: World) -> None:
    other_episode = EpisodeFactory.create(person=world.stranger, worker=world.other_worker)
    assert as_worker.get(_upload_url(world, f"?episode={other_episode.pk}")).status_code == 404
    assert as_worker.get(_upload_url(world, "?episode=nonsense")).status_code == 404


def test_removing_a_document_deletes_its_file_and_keeps_why(
    as_worker: Client, world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    document = make_document(person=world.caseload_person, by=world.worker)
    name = _file_name(document)
    url = reverse("documents:remove", kwargs={"document_id": document.pk})
    assert "Why are you removing it?" in as_worker.get(url).content.decode()
    assert "Enter why you are removing the document" in as_worker.post(url, {"reason": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_worker.post(url, {"reason": "Uploaded to the wrong person's record"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_removed and document.removed_by == world.worker and not document.file and document.text == ""
    assert not storage().exists(name)
    assert AuditEvent.objects.filter(object_id=str(document.pk), reason="Uploaded to the wrong person's record").exists()
    assert as_worker.get(reverse("documents:download", kwargs={"document_id": document.pk})).status_code == 409


def test_a_worker_removes_only_what_they_uploaded_a_manager_anything(client: Client, world: World) -> None:
    document = make_document(person=world.caseload_person, by=world.manager)
    url = reverse("documents:remove", kwargs={"document_id": document.pk})
    sign_in(client, world.worker)
    assert client.get(url).status_code == 404
    sign_in(client, world.manager)
    assert client.get(url).status_code == 200


def test_a_triager_reading_someone_elses_referral_sees_none_of_their_documents(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create(person=world.stranger)  # awaiting triage: every triager reads it
    make_document(person=world.stranger, by=world.other_worker, title="GP referral letter", referral=referral)
    page = as_worker.get(reverse("referrals:detail", kwargs={"referral_id": referral.pk}))
    assert page.status_code == 200
    assert "GP referral letter" not in page.content.decode()
    assert "Add a document" not in page.content.decode()


def test_the_scheduled_command_says_what_it_did(world: World) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    make_document(person=world.caseload_person, by=world.worker, status=ScanStatus.QUARANTINED)
    with pytest.raises(CommandError, match=r"No virus scanner is configured .*1 documents stay held"):
        call_command("scan_documents")
    out = StringIO()
    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        call_command("scan_documents", stdout=out)
    assert out.getvalue().strip() == "1 clean; 0 with a virus (files deleted); 0 could not be checked and stay held."
