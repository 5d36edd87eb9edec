"""Recognising a person whose record was destroyed, without keeping who they were.

When a record is destroyed, `remember` keeps a keyed hash (HMAC-SHA256) of each of the person's
identifiers: their NHS number, their normalised name with their date of birth, and every old
system's id for them. The key is `STAR_DESTROYED_IDENTIFIER_KEY`, or one derived from SECRET_KEY
for this purpose only. `destroyed_matches` answers "is this someone whose record was destroyed?"
for rows of an import (which then refuses them) and for a registration (which asks the person
registering to confirm they have come back). Neither says who it was.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings

from people.models import DestroyedIdentity

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person

Kind = DestroyedIdentity.Kind


@dataclass(frozen=True)
class Identifiers:
    """What may identify one person; any of it may be missing."""

    nhs_number: str = ""
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    legacy_ids: tuple[tuple[str, str], ...] = ()  # (old system, its id for them)
    other_given_names: tuple[str, ...] = ()  # a preferred name, also hashed with the family name


def _key() -> bytes:
    configured = settings.STAR_DESTROYED_IDENTIFIER_KEY
    if configured:
        return configured.encode()
    # The label is older than the module's move from records: unchanged, so existing hashes match.
    return hmac.new(settings.SECRET_KEY.encode(), b"star.records.destroyed-identifiers", hashlib.sha256).digest()


def normalise_name(name: str) -> str:
    """Case, accents, spaces and punctuation do not matter: "Zoë O'Brien" is "zoeobrien"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return re.sub(r"[^\w]|_", "", plain.casefold())


def _digest(kind: str, text: str) -> str:
    return hmac.new(_key(), f"{kind}|{text}".encode(), hashlib.sha256).hexdigest()


def digests(identifiers: Identifiers) -> set[tuple[str, str]]:
    """(kind, digest) for every identifier given."""
    found: set[tuple[str, str]] = set()
    number = re.sub(r"\s", "", identifiers.nhs_number or "")
    if number:
        found.add((Kind.NHS_NUMBER, _digest(Kind.NHS_NUMBER, number)))
    family = normalise_name(identifiers.family_name)
    if family and identifiers.date_of_birth:
        for given in {identifiers.given_name, *identifiers.other_given_names}:
            if normalise_name(given):
                text = f"{normalise_name(given)}|{family}|{identifiers.date_of_birth.isoformat()}"
                found.add((Kind.NAME_AND_BIRTH, _digest(Kind.NAME_AND_BIRTH, text)))
    for source, legacy_id in identifiers.legacy_ids:
        if legacy_id:
            found.add((Kind.LEGACY_ID, _digest(Kind.LEGACY_ID, f"{source.strip().casefold()}|{legacy_id.strip()}")))
    return found


def identifiers_of(person: Person) -> Identifiers:
    """A person's identifiers, with every old system's id for them (one query)."""
    legacy = tuple(person.legacy_records.values_list("source_system", "legacy_id"))
    return Identifiers(
        nhs_number=person.nhs_number,
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        legacy_ids=legacy,
        other_given_names=(person.preferred_name,) if person.preferred_name else (),
    )


def remember(*, identifiers: Identifiers, destruction_id: int) -> int:
    rows = [DestroyedIdentity(kind=kind, digest=digest, destruction_id=destruction_id) for kind, digest in sorted(digests(identifiers))]
    DestroyedIdentity.objects.bulk_create(rows)
    return len(rows)


def destroyed_matches(candidates: Iterable[Identifiers]) -> list[bool]:
    """For each candidate, whether any of its identifiers is a destroyed person's (one query).

    A name and date of birth on its own is enough (as the imports match people), and so is an
    NHS number or an old system's id."""
    wanted = [digests(candidate) for candidate in candidates]
    every = {digest for found in wanted for _, digest in found}
    if not every:
        return [False] * len(wanted)
    known = set(DestroyedIdentity.objects.filter(digest__in=every).values_list("digest", flat=True))
    return [any(digest in known for _, digest in found) for found in wanted]


def is_destroyed(identifiers: Identifiers) -> bool:
    return destroyed_matches([identifiers])[0]


DESTROYED_MESSAGE = (
    "This is someone whose record was destroyed under the retention schedule, so their old data cannot be brought in again. "
    "Remove the row from the file."
)


RETURNING_ALERT = (
    "These details match a record destroyed at the end of its retention period. Nothing of it is left: "
    "check with the person whether they used the service before, and end this alert once you have."
)


def flag_if_destroyed(*, person: Person, by: User | None) -> bool:
    """A referral (staff, self-referral or FHIR) that registered a new person whose details match a
    destroyed record: the referral goes ahead (they may well have come back), and an alert on the
    new record tells whoever triages it, without saying anything of the old record."""
    from audit.services import Action, record_event
    from people.models import Alert

    if not is_destroyed(identifiers_of(person)):
        return False
    alert = Alert.objects.create(person=person, category=Alert.Category.OTHER, summary=RETURNING_ALERT, raised_by=by)
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=alert, detail={"destroyed_record_match": True})
    return True
