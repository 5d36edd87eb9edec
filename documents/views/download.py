"""Opening a document: the file itself, only through the gate, only once it was found clean,
always as a download (never shown inside STaR's pages), never kept by the browser or a proxy,
and audited every time."""

from __future__ import annotations

import re

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from documents import services
from documents.access import get_document_for
from documents.models import Document
from documents.sniffing import EXTENSIONS


def download_name(document: Document) -> str:
    """The name the file is saved under: the document's title (or the uploaded name's stem),
    made safe, with the extension of the kind its content is, whatever it was called."""
    stem = re.sub(r"[^\w\- ]+", "", document.title, flags=re.UNICODE).strip()[:100] or "document"
    return f"{stem}.{EXTENSIONS.get(document.content_type, 'bin')}"


@requires(Capability.KEEP_DOCUMENTS)
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_document_for(request, document_id, read="file")
    if not document.can_be_opened:
        refused = render(request, "documents/not_available.jinja", {"document": document}, status=409)
        refused["Cache-Control"] = "no-store"
        return refused
    stream = services.storage().open(str(document.file.name), "rb")
    response = FileResponse(stream, as_attachment=True, filename=download_name(document), content_type=document.content_type)
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response  # type: ignore[return-value]
