"""Documents on the person's timeline (one query), linking to the list of their documents."""

from __future__ import annotations

from django.urls import reverse

from documents.models import Document
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def _document_entries(person: Person, limit: int) -> list[TimelineEntry]:
    documents = Document.objects.filter(person=person).select_related("uploaded_by").order_by("-uploaded_at")[:limit]
    url = reverse("documents:person", kwargs={"person_id": person.pk})
    return [
        TimelineEntry(
            document.uploaded_at,
            "documents",
            f"Document added: {document.title}" + (" (since removed)" if document.is_removed else ""),
            f"{document.get_kind_display()}, by {document.uploaded_by.display_name}",
            url=url,
        )
        for document in documents
    ]


SOURCES = (TimelineSource("documents", "Documents", _document_entries, newest=(Newest(Document, "person", ("uploaded_at",)),)),)
