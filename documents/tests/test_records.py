"""Documents in a subject access copy (the files in its ZIP, after review) and destroyed with the
record at the end of its retention period (the stored files deleted too)."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import World, sign_in
from documents.models import Document, ScanStatus
from documents.services import storage
from documents.tests.factories import make_document
from people.tests.factories import PersonFactory
from records import retention, services
from records.models import RetentionReview, SubjectAccessRequest
from records.subject_access_files import NOT_INCLUDED

pytestmark = pytest.mark.django_db

LETTER = b"Dear Alan,\nYour housing appeal is on 3 March.\n"


def _request_for(world: World) -> SubjectAccessRequest:
    record = services.log_subject_access_request(
        by=world.admin,
        person=world.stranger,
        requested_by="Alan, by letter",
        received_on=timezone.localdate(),
        received_how="letter",
        identity_checked_how="Signature matched",
    )
    services.approve_subject_access_request(by=world.manager, record=record)
    return record


def _file_name(document: Document) -> str:
    name = document.file.name
    assert name is not None
    return name


def _zip(response: object) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]


def test_the_released_copy_holds_disclosed_files_and_says_why_others_are_not(client: Client, world: World) -> None:
    make_document(person=world.stranger, by=world.other_worker, content=LETTER, title="Housing letter")
    withheld = make_document(person=world.stranger, by=world.other_worker, content=b"About Jo Bloggs\n", title="Letter naming a neighbour")
    make_document(person=world.stranger, by=world.other_worker, title="Held letter", status=ScanStatus.QUARANTINED)
    record = _request_for(world)
    services.sync_flags(record=record)
    for item in record.flagged_items.all():
        withhold = item.section == "documents.Document" and item.object_id == str(withheld.pk) and item.field == "file"
        if withhold:
            services.decide(by=world.admin, item=item, decision="withhold", reason="Names a neighbour")
        else:
            services.decide(by=world.admin, item=item, decision="disclose")
    released = services.release(by=world.admin, record=record)
    manifest = {entry["Record"]: entry for entry in released["files"]}
    assert manifest["Documents: Housing letter"]["File in this copy"].startswith("files/")
    assert manifest["Documents: Letter naming a neighbour"]["Not included because"].startswith("Withheld after review")
    assert manifest["Documents: Held letter"]["Not included because"] == "The file has not been checked for viruses yet"

    sign_in(client, world.admin)
    response = client.get(reverse("records:request_released", kwargs={"request_id": record.pk}), {"format": "zip"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="subject-access-{record.pk}.zip"'
    archive = _zip(response)
    names = archive.namelist()
    assert f"subject-access-{record.pk}.json" in names
    assert archive.read(manifest["Documents: Housing letter"]["File in this copy"]) == LETTER
    assert not any(b"Jo Bloggs" in archive.read(name) for name in names if name.startswith("files/") and name != NOT_INCLUDED)
    missing = archive.read(NOT_INCLUDED).decode()
    assert "Letter naming a neighbour: Withheld after review" in missing
    assert "Held letter: The file has not been checked for viruses yet" in missing
    assert json.loads(archive.read(f"subject-access-{record.pk}.json"))["files"] == released["files"]


def test_the_working_copy_zip_holds_every_clean_file(client: Client, world: World) -> None:
    make_document(person=world.stranger, by=world.other_worker, content=LETTER, title="Housing letter")
    record = _request_for(world)
    sign_in(client, world.manager)
    response = client.get(reverse("records:request_export", kwargs={"request_id": record.pk}), {"format": "zip"})
    archive = _zip(response)
    assert [archive.read(name) for name in archive.namelist() if name.startswith("files/")] == [LETTER]


def test_destroying_the_record_deletes_its_stored_files(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    today = timezone.localdate()
    person = PersonFactory.create(date_of_death=today - datetime.timedelta(days=11 * 366))
    long_ago = timezone.now() - datetime.timedelta(days=12 * 366)
    Person = type(person)
    Person.objects.filter(pk=person.pk).update(created_at=long_ago, updated_at=long_ago)
    documents = [
        make_document(person=person, by=world.manager, uploaded_at=long_ago, title=f"Letter {n}", content=f"Letter {n}\n".encode())
        for n in range(2)
    ]
    names = [_file_name(document) for document in documents]
    assert all(storage().exists(name) for name in names)
    retention.run_retention_review(today=today)
    review = RetentionReview.objects.get(person=person)
    with django_capture_on_commit_callbacks(execute=True):
        stub = retention.destroy(by=world.admin, review=review)
    assert not Document.objects.filter(pk__in=[d.pk for d in documents]).exists()
    assert not any(storage().exists(name) for name in names)
    assert stub.counts["documents.Document"] == 2
    assert stub.counts["Stored files (deleted)"] == 2


def test_a_recent_document_keeps_the_record_in_use(world: World) -> None:
    today = timezone.localdate()
    person = PersonFactory.create()
    long_ago = timezone.now() - datetime.timedelta(days=21 * 366)
    people = type(person).objects.filter(pk=person.pk)
    people.update(created_at=long_ago, updated_at=long_ago)
    assert retention.due_for_review(today=today, people=people)
    make_document(person=person, by=world.manager, uploaded_at=timezone.now() - datetime.timedelta(days=30))
    assert not retention.due_for_review(today=today, people=people)
