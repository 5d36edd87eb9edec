"""The documents shown on a person's page and on the pages of their episodes, referrals and
safeguarding concerns (registered with `people.attached_documents`). One query for the page of
documents and one for the count; the page itself was audited by its own gate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse

from accounts.roles import Capability, can
from documents.access import about_filter, documents_for
from people.access import people_visible_to
from people.attached_documents import AttachedDocuments
from people.models import Person
from referrals.models import Referral

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

SHOWN = 10


def about_query(about: models.Model) -> str:
    """The upload page's query for a document about this record: "?episode=12"."""
    ((kind, record),) = about_filter(about).items()
    return f"?{kind}={record.pk}"


def about_text(about: models.Model) -> str:
    """How the upload page names the record a document is about."""
    from core.jinja import uk_date

    ((kind, record),) = about_filter(about).items()
    if kind == "episode":
        return f"the 1-to-1 episode started {uk_date(record.started_on)}"  # type: ignore[attr-defined]
    if kind == "referral":
        return f"referral {record.reference}"  # type: ignore[attr-defined]
    return f"the safeguarding concern raised {uk_date(record.raised_at)}"  # type: ignore[attr-defined]


def attached_documents(user: User | AnonymousUser, person: Person, about: models.Model | None = None) -> AttachedDocuments:
    if not can(user, Capability.KEEP_DOCUMENTS):
        return AttachedDocuments()
    if isinstance(about, Referral) and not people_visible_to(user).filter(pk=person.pk).exists():
        # A triager reads any referral awaiting triage; its person's documents stay behind their
        # record's gate. (The other pages were reached through the person's own gate.)
        return AttachedDocuments()
    documents = documents_for(user, person).filter(removed_at__isnull=True).select_related("episode", "referral", "concern")
    if about is not None:
        documents = documents.filter(**about_filter(about))
    shown = list(documents[:SHOWN])
    total = len(shown) if len(shown) < SHOWN else documents.count()
    add_url = reverse("documents:upload", kwargs={"person_id": person.pk}) + (about_query(about) if about is not None else "")
    return AttachedDocuments(
        documents=shown, total=total, add_url=add_url, list_url=reverse("documents:person", kwargs={"person_id": person.pk})
    )
