"""Adding a document to a person's record, or to one of their episodes, referrals or safeguarding
concerns (`?episode=12`, `?referral=3`, `?concern=5`). Works from a phone's camera or files.

The file is checked and stored before the record is saved, outside the transaction (a virus
check can take seconds); a repeat of the same form gets the first document, and its own stored
copy is discarded."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from documents import services
from documents.access import ABOUT_KINDS, about_filter, get_about_for
from documents.attached import about_text
from documents.forms import ACCEPT, DocumentForm, display_filename, megabytes
from documents.models import Document, ScanStatus
from people.access import get_person_for
from people.models import Person
from people.views.person import person_header_context
from submissions.services import ALREADY_SAVED, key_for_form, once

TOLD = {
    ScanStatus.CLEAN: "Document added. It was checked for viruses and can be opened",
    ScanStatus.QUARANTINED: "Document added. It is held until it has been checked for viruses, and cannot be opened until then",
    ScanStatus.PENDING: "Document added. The virus check could not be done just now, so it is held until it is checked, "
    "and cannot be opened until then",
}
INFECTED = (
    "The virus check found something harmful in this file ({finding}), so it was not kept. "
    "Do not open the original on your device. Tell your IT support, and ask whoever sent it for a clean copy"
)


def _about(request: HttpRequest, person: Person) -> models.Model | None:
    for kind in ABOUT_KINDS:
        if kind in request.GET:
            return get_about_for(request.user, person, kind, request.GET[kind])
    return None


def _back(person: Person, about: models.Model | None) -> str:
    """The page the upload was started from."""
    if about is None:
        return reverse("documents:person", kwargs={"person_id": person.pk})
    kind = next(iter(about_filter(about)))
    if kind == "episode":
        return reverse("enablement:episode", kwargs={"episode_id": about.pk})
    if kind == "referral":
        return reverse("referrals:detail", kwargs={"referral_id": about.pk})
    return reverse("safeguarding:concern_detail", kwargs={"person_id": person.pk, "concern_id": about.pk})


@requires(Capability.KEEP_DOCUMENTS)
def document_upload(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    about = _about(request, person)
    form = DocumentForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and form.sniffed is not None:
        upload = form.cleaned_data["file"]
        stored = services.store_upload(upload=upload, sniffed=form.sniffed, size=upload.size)
        try:
            saved = once(
                request,
                model=Document,
                create=lambda: services.add_document(
                    by=acting_user(request),
                    person=person,
                    about=about,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    original_filename=display_filename(upload.name or ""),
                    stored=stored,
                ),
            )
        except BaseException:
            services.discard_upload(stored)
            raise
        if not saved.created:
            services.discard_upload(stored)
            messages.success(request, ALREADY_SAVED)
        elif saved.obj.scan_status == ScanStatus.INFECTED:
            messages.error(request, INFECTED.format(finding=saved.obj.scan_finding or "a virus"))
        else:
            messages.success(request, TOLD[ScanStatus(saved.obj.scan_status)])
        return redirect(_back(person, about))
    return render(
        request,
        "documents/upload.jinja",
        {
            **person_header_context(request, person),
            "form": form,
            "about": about,
            "about_text": about_text(about) if about is not None else "",
            "accept": ACCEPT,
            "limit": megabytes(settings.STAR_DOCUMENT_MAX_BYTES),
            "back": _back(person, about),
            "submission_key": key_for_form(request),
        },
    )
