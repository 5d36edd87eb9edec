"""The documents on a person's record, or about one of their episodes, referrals or safeguarding
concerns, for the pages of those records. The documents app registers its reader here from its
AppConfig.ready(); people and the domain apps ask without importing documents (documents builds
on them: it links a document to an episode, a referral or a concern)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

from people.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


@dataclass(frozen=True)
class AttachedDocuments:
    """What the page shows: the documents (newest first, at most a page), how many there are in
    all, where to add one about this record, and where to see them all."""

    documents: list[Any] = field(default_factory=list)
    total: int = 0
    add_url: str = ""
    list_url: str = ""

    @property
    def shown(self) -> bool:
        return bool(self.add_url or self.documents)


Reader = Callable[["User | AnonymousUser", Person, "models.Model | None"], AttachedDocuments]

_READERS: list[Reader] = []


def register_attached_documents(reader: Reader) -> None:
    if reader not in _READERS:
        _READERS.append(reader)


def attached_documents(user: User | AnonymousUser, person: Person, about: models.Model | None = None) -> AttachedDocuments:
    """The registered reader's answer (nothing when no app registered one)."""
    for reader in _READERS:
        return reader(user, person, about)
    return AttachedDocuments()
