"""The gates for documents. A document is reached only through the person's record: staff who
may keep documents see those of people they can see (`people.access`), and nobody else sees any.
A document outside the user's reach is "not found". Every read is audited, every download too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from audit.services import Action, record_event
from documents.models import Document
from enablement.access import episodes_visible_to
from people.access import people_visible_to, person_scope
from people.models import Person
from referrals.access import referrals_visible_to
from safeguarding.access import concerns_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db import models

    from accounts.models import User

    Viewer = User | AnonymousUser

# The records a document can be about, by the name used in the upload page's address.
ABOUT_KINDS = ("episode", "referral", "concern")


def documents_visible_to(user: Viewer) -> QuerySet[Document]:
    if not can(user, Capability.KEEP_DOCUMENTS):
        return Document.objects.none()
    return Document.objects.filter(person__in=people_visible_to(user))


def documents_for(user: Viewer, person: Person) -> QuerySet[Document]:
    """A visible person's documents, newest first, with who uploaded them."""
    if not can(user, Capability.KEEP_DOCUMENTS):  # as documents_visible_to
        return Document.objects.none()
    documents = Document.objects.filter(person__in=person_scope(user, person), person=person)
    return documents.select_related("uploaded_by", "removed_by").order_by("-uploaded_at", "-id")


def get_document_for(request: HttpRequest, document_id: int, *, audit: bool = True, read: str = "") -> Document:
    """The document, if the user can see the person it belongs to; otherwise "not found". `read`
    says what was read ("file" for a download) and goes in the audit event."""
    document = documents_visible_to(request.user).select_related("person", "uploaded_by").filter(pk=document_id).first()
    if document is None:
        raise Http404
    if audit:
        detail = {"read": read} if read else None
        record_event(user=request.user, action=Action.VIEW, person_id=document.person_id, obj=document, detail=detail)
    return document


def may_remove(user: Viewer, document: Document) -> bool:
    """A service manager removes any document; a worker, those they uploaded."""
    if document.is_removed or not can(user, Capability.KEEP_DOCUMENTS):
        return False
    return can(user, Capability.REMOVE_ANY_DOCUMENT) or document.uploaded_by_id == user.pk


def get_about_for(user: Viewer, person: Person, kind: str, pk: str) -> models.Model:
    """The episode, referral or concern a new document is about: one of this person's, reached
    through its own gate; anything else is "not found"."""
    found: models.Model | None = None
    if pk.isdigit():
        if kind == "episode":
            found = episodes_visible_to(user).filter(person=person, pk=int(pk)).first()
        elif kind == "referral":
            found = referrals_visible_to(user).filter(person=person, pk=int(pk)).first()
        elif kind == "concern":
            found = concerns_for(user, person).filter(pk=int(pk)).first()
    if found is None:
        raise Http404
    return found


def about_filter(about: models.Model) -> dict[str, models.Model]:
    """The document field that links to this record: {"episode": episode}."""
    for kind in ABOUT_KINDS:
        if Document._meta.get_field(kind).related_model is type(about):
            return {kind: about}
    raise ValueError(f"A document cannot be about a {type(about).__name__}")
