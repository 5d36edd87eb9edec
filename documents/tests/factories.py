"""Documents for tests, stored through the real storage (the test settings' throw-away folder)."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.files.base import ContentFile

from accounts.models import User
from documents import sniffing
from documents.models import Document, DocumentKind, ScanStatus
from documents.services import storage
from people.models import Person


def make_document(
    *,
    person: Person,
    by: User,
    content: bytes = b"Dear Ada,\nYour housing appeal is on 3 March.\n",
    status: str = ScanStatus.CLEAN,
    **fields: Any,
) -> Document:
    content_type = fields.pop("content_type", sniffing.TEXT)
    name = storage().save(f"documents/{uuid.uuid4().hex}.{sniffing.EXTENSIONS[content_type]}", ContentFile(content))
    return Document.objects.create(
        person=person,
        title=fields.pop("title", "Letter from the housing office"),
        kind=fields.pop("kind", DocumentKind.HOUSING_LETTER),
        file=name,
        original_filename=fields.pop("original_filename", "letter.txt"),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        scan_status=status,
        uploaded_by=by,
        text=fields.pop("text", content.decode("utf-8", "replace") if status == ScanStatus.CLEAN else ""),
        **fields,
    )
