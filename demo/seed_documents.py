"""Documents on one person of the demo worker's caseload: a GP's letter (a PDF), notes of a phone
call about their housing appeal (a text file, about their 1-to-1 episode), and a signed consent
form still held until it is checked for viruses, so every state shows. Synthetic words; the files
are made here (fpdf2), stored through the storage API like an upload. The two "clean" ones were
made by this code, not scanned: the demo has no virus scanner unless one is configured."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta

from django.core.files.base import ContentFile

from accounts.models import User
from documents import sniffing
from documents.extraction import extract_text
from documents.models import Document, DocumentKind, ScanStatus
from documents.services import storage
from enablement.models import Episode

GP_LETTER = (
    "Riverside Medical Practice\n\n"
    "Dear colleague,\n\n"
    "I saw {name} today. We agreed to keep the current medication and review it in six weeks. "
    "They would like support with their housing appeal and with getting to the food bank on Tuesdays.\n\n"
    "Dr A. Okafor"
)
CALL_NOTES = (
    "Phone call with the housing office, {day}.\n"
    "The housing appeal hearing is booked. {name} wants their STR worker there.\n"
    "Bring: the tenancy letter, two bank statements, the letter from the GP.\n"
)


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _document(*, content: bytes, content_type: str, status: str, **fields: object) -> Document:
    name = storage().save(f"documents/{uuid.uuid4().hex}.{sniffing.EXTENSIONS[content_type]}", ContentFile(content))
    clean = status == ScanStatus.CLEAN
    text = extract_text(ContentFile(content), content_type) if clean else ""
    return Document(
        file=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        scan_status=status,
        text=text,
        **fields,
    )


def seed_documents(*, users: dict[str, User], now: datetime) -> None:
    episode = Episode.objects.filter(worker=users["worker"], status=Episode.Status.OPEN).select_related("person").order_by("pk").first()
    if episode is None:
        return
    person = episode.person
    name = person.preferred_name or person.given_name
    worker = users["worker"]
    Document.objects.bulk_create(
        [
            _document(
                content=_pdf(GP_LETTER.format(name=person.full_name)),
                content_type=sniffing.PDF,
                status=ScanStatus.CLEAN,
                person=person,
                title="Letter from Dr Okafor about medication",
                kind=DocumentKind.GP_LETTER,
                original_filename="Okafor letter.pdf",
                uploaded_by=worker,
                uploaded_at=now - timedelta(days=20),
                scanned_at=now - timedelta(days=20),
            ),
            _document(
                content=CALL_NOTES.format(name=name, day=(now - timedelta(days=6)).strftime("%d %B")).encode(),
                content_type=sniffing.TEXT,
                status=ScanStatus.CLEAN,
                person=person,
                episode=episode,
                title="Housing appeal: notes of the call",
                kind=DocumentKind.HOUSING_LETTER,
                original_filename="housing call.txt",
                uploaded_by=worker,
                uploaded_at=now - timedelta(days=6),
                scanned_at=now - timedelta(days=6),
            ),
            _document(
                content=_pdf(
                    f"Consent to share information\n\nI, {person.full_name}, agree that my STR worker may talk to the housing office."
                ),
                content_type=sniffing.PDF,
                status=ScanStatus.QUARANTINED,
                person=person,
                title="Signed consent to talk to the housing office",
                kind=DocumentKind.CONSENT_FORM,
                original_filename="IMG_0412.pdf",
                uploaded_by=worker,
                uploaded_at=now - timedelta(hours=3),
            ),
        ]
    )
