"""Removing a document from a record (uploaded to the wrong person, a duplicate): the reason is
asked for and kept; the file is deleted."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from documents import services
from documents.access import get_document_for, may_remove
from documents.forms import RemoveDocumentForm
from people.views.person import person_header_context


@requires(Capability.KEEP_DOCUMENTS)
def document_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_document_for(request, document_id, audit=request.method == "GET")
    if not may_remove(request.user, document):
        raise Http404
    form = RemoveDocumentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.remove_document(by=acting_user(request), document=document, reason=form.cleaned_data["reason"])
        messages.success(request, f"“{document.title}” was removed and its file deleted")
        return redirect("documents:person", person_id=document.person_id)
    return render(
        request, "documents/remove.jinja", {**person_header_context(request, document.person), "form": form, "document": document}
    )
