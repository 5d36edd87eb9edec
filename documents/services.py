"""Every change to a document: storing an upload (checked for viruses first), adding it to the
record, checking held files later, and removing one. Keyword-only, audited.

The order matters. An upload is checked by ClamAV *before* it is stored, outside any database
transaction: an infected file is never written to storage at all (its record says what was found,
so the uploader and the service manager can see it). Without a scanner the file is stored but held
in quarantine, never served, until `manage.py scan_documents` checks it. Text is read from a PDF
or text file only once it is found clean (for search).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import IO, TYPE_CHECKING

from django.core.files import File
from django.core.files.storage import Storage
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import Action, record_event
from documents import sniffing
from documents.clamd import Scanner, ScannerUnavailable, Verdict, configured_scanner
from documents.extraction import extract_text
from documents.models import Document, ScanStatus
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

FOLDER = "documents"


def storage() -> Storage:
    """Where document files are kept: the file field's storage, Django's default storage
    (`STORAGES["default"]`: local files, or S3-compatible storage by setting)."""
    field = Document._meta.get_field("file")
    assert isinstance(field, models.FileField)
    return field.storage


@dataclass(frozen=True)
class StoredUpload:
    """An upload checked and (unless infected) stored, not yet on anyone's record."""

    name: str  # the random name in storage; "" when nothing was stored (a virus was found)
    content_type: str
    size: int
    sha256: str
    scan_status: str
    scan_finding: str
    scanned_at: datetime | None
    text: str


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(64 * 1024):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _check(stream: IO[bytes], scanner: Scanner | None) -> tuple[str, Verdict | None]:
    if scanner is None:
        return ScanStatus.QUARANTINED, None
    try:
        verdict = scanner.scan(stream)
    except ScannerUnavailable:
        logger.warning("The virus scanner could not check an upload; it is held until scan_documents runs", exc_info=True)
        return ScanStatus.PENDING, None
    return (ScanStatus.CLEAN if verdict.clean else ScanStatus.INFECTED), verdict


def store_upload(*, upload: IO[bytes], sniffed: sniffing.Sniffed, size: int) -> StoredUpload:
    """Check the upload for viruses and keep it (unless a virus was found) under a random name."""
    sha256 = _sha256(upload)
    status, verdict = _check(upload, configured_scanner())
    name = ""
    if status != ScanStatus.INFECTED:
        name = storage().save(f"{FOLDER}/{uuid.uuid4().hex}.{sniffed.extension}", File(upload))
    return StoredUpload(
        name=name,
        content_type=sniffed.content_type,
        size=size,
        sha256=sha256,
        scan_status=status,
        scan_finding=verdict.finding if verdict else "",
        scanned_at=timezone.now() if verdict else None,
        text=extract_text(upload, sniffed.content_type) if status == ScanStatus.CLEAN else "",
    )


def discard_upload(stored: StoredUpload) -> None:
    """A stored upload that did not become a document (the form was a repeat, or saving failed)."""
    if stored.name:
        storage().delete(stored.name)


def add_document(
    *,
    by: User,
    person: Person,
    about: models.Model | None,
    title: str,
    kind: str,
    original_filename: str,
    stored: StoredUpload,
) -> Document:
    from documents.access import about_filter

    document = Document.objects.create(
        person=person,
        **(about_filter(about) if about is not None else {}),
        title=title,
        kind=kind,
        file=stored.name,
        original_filename=original_filename,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        scan_status=stored.scan_status,
        scan_finding=stored.scan_finding,
        scanned_at=stored.scanned_at,
        uploaded_by=by,
        text=stored.text,
    )
    record_event(
        user=by,
        action=Action.CREATE,
        person_id=person.pk,
        obj=document,
        detail={"document": kind, "virus_check": stored.scan_status, **({"found": stored.scan_finding} if stored.scan_finding else {})},
    )
    if stored.scan_status == ScanStatus.INFECTED:
        logger.warning("Document %s: a virus was found on upload (%s); the file was not kept", document.pk, stored.scan_finding)
    return document


@dataclass
class ScanRun:
    clean: int = 0
    infected: int = 0
    still_held: int = 0


def scan_held_documents(*, scanner: Scanner | None = None, limit: int | None = None) -> ScanRun:
    """Check every document waiting for its virus check (quarantined without a scanner, or
    pending after the scanner failed). Clean: its text is read and it can be opened. Infected:
    the file is deleted from storage and the record flagged. Safe to run again."""
    scanner = scanner or configured_scanner()
    run = ScanRun()
    held = Document.objects.filter(scan_status__in=[ScanStatus.QUARANTINED, ScanStatus.PENDING], removed_at__isnull=True).exclude(file="")
    ids = list(held.order_by("uploaded_at", "id").values_list("pk", flat=True)[:limit])
    if scanner is None:
        run.still_held = len(ids)
        return run
    for document_id in ids:
        document = Document.objects.filter(pk=document_id).first()
        if document is None or document.scan_status not in (ScanStatus.QUARANTINED, ScanStatus.PENDING):
            continue
        try:
            with storage().open(str(document.file.name), "rb") as stream:
                verdict = scanner.scan(stream)
                text = extract_text(stream, document.content_type) if verdict.clean else ""
        except (ScannerUnavailable, OSError):
            logger.warning("Document %s could not be checked; it stays held", document_id, exc_info=True)
            run.still_held += 1
            continue
        _record_verdict(document=document, verdict=verdict, text=text)
        if verdict.clean:
            run.clean += 1
        else:
            run.infected += 1
    return run


@transaction.atomic
def _record_verdict(*, document: Document, verdict: Verdict, text: str) -> None:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.scan_status not in (ScanStatus.QUARANTINED, ScanStatus.PENDING):
        return
    document.scanned_at = timezone.now()
    if verdict.clean:
        document.scan_status = ScanStatus.CLEAN
        document.text = text
    else:
        name = str(document.file.name)
        document.scan_status = ScanStatus.INFECTED
        document.scan_finding = verdict.finding
        document.file = ""
        transaction.on_commit(lambda: storage().delete(name))
        logger.warning("Document %s: a virus was found (%s); the file was deleted", document.pk, verdict.finding)
        _tell_the_uploader(document)
    document.save(update_fields=["scan_status", "scan_finding", "scanned_at", "text", "file"])
    record_event(
        user=None,
        action=Action.UPDATE,
        person_id=document.person_id,
        obj=document,
        detail={"virus_check": document.scan_status, **({"found": verdict.finding} if verdict.finding else {})},
    )


def _tell_the_uploader(document: Document) -> None:
    """An email to whoever uploaded it (once): they were not there when the later check ran."""
    from core.jinja import uk_date
    from notifications.services import send

    send(
        by=None,
        to_user=document.uploaded_by,
        template="document_virus_found",
        personalisation={
            "finding": document.scan_finding or "a virus",
            "uploaded_on": uk_date(timezone.localtime(document.uploaded_at)),
            "link": reverse("documents:person", kwargs={"person_id": document.person_id}),
        },
        reason="The virus check found something in a document they uploaded",
        reference=f"document-virus-{document.pk}",
    )


@transaction.atomic
def remove_document(*, by: User, document: Document, reason: str) -> Document:
    """Take a document off the record (uploaded to the wrong person, a duplicate): its file is
    deleted from storage and its text forgotten; the record of what it was, who removed it, when
    and why stays."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_removed:
        return document
    name = str(document.file.name) if document.file else ""
    document.removed_at = timezone.now()
    document.removed_by = by
    document.removal_reason = reason
    document.text = ""
    document.file = ""
    document.save(update_fields=["removed_at", "removed_by", "removal_reason", "text", "file"])
    if name:
        transaction.on_commit(lambda: storage().delete(name))
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=document.person_id,
        obj=document,
        reason=reason,
        detail={"document": "removed"},
    )
    return document
