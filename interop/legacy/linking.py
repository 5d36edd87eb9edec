"""Find the person a referral, contact or attendance row is about: by the old system's person id
(`LegacyRecord`), or by NHS number, names and date of birth together, as the people import
matches. At most two queries for a batch, whatever its size, each fetching only the people the
batch could be about."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from interop.legacy.models import LegacyRecord
from interop.legacy.validation import CheckedRow, identity
from people.destroyed import DESTROYED_MESSAGE, Identifiers, destroyed_matches
from people.models import Person

NOT_FOUND_BY_ID = "No one was brought in from {source} with the person id '{legacy}': import the people file first"
NOT_FOUND = "No one in STaR has this NHS number, name and date of birth: import the people file first, or give the old system's person id"
SEVERAL = "More than one person in STaR has this name and date of birth: give the old system's person id"


def people_by_identity(rows: list[CheckedRow]) -> dict[tuple[object, ...], list[uuid.UUID]]:
    """Everyone in STaR with the identity of one of the rows, in one query (`candidates`)."""
    found: dict[tuple[object, ...], list[uuid.UUID]] = defaultdict(list)
    fetched = candidates(rows)
    if fetched is None:
        return found
    wanted = {identity(row.values) for row in rows}
    for pk, number, given, family, born in fetched.values_list("pk", "nhs_number", "given_name", "family_name", "date_of_birth"):
        key = identity({"nhs_number": number, "given_name": given, "family_name": family, "date_of_birth": born})
        if key in wanted:
            found[key].append(pk)
    return found


def candidates(rows: list[CheckedRow]) -> QuerySet[Person] | None:
    """People with the rows' NHS numbers, and people with none born on the days of the rows that
    have none *and* with one of their family names (None: nobody to look for). The names are
    compared in the database, so a batch never fetches everyone born on its dates (about 40 people
    a day on a national instance; issue 22); identity() then compares exactly."""
    numbers = {str(row.values["nhs_number"]) for row in rows if row.values.get("nhs_number")}
    unnumbered = [row.values for row in rows if not row.values.get("nhs_number")]
    births = {values.get("date_of_birth") for values in unnumbered}
    births = {birth for birth in births if isinstance(birth, date)}
    if not numbers and not births:
        return None
    named = Q(nhs_number="", date_of_birth__in=births) & same_family_name(unnumbered)
    return Person.objects.alias(family_lower=Lower("family_name")).filter(Q(nhs_number__in=numbers) | named)


def same_family_name(values: list[dict[str, object]]) -> Q:
    """A filter every person whose family name casefolds to one of the rows' passes (identity()
    compares casefolded names; this only narrows what is fetched). The database's lower() is exact
    for a name in ASCII on SQLite and PostgreSQL alike, and there casefold() is lower(); a name
    with any other letter ("Strauß", "Öztürk", "李") is let through to be compared in Python."""
    names = {str(value.get("family_name") or "") for value in values}
    lowered = {form for name in names for form in (name.lower(), name.casefold())}
    return Q(family_lower__in=lowered) | Q(family_name__regex=NOT_ASCII)


NOT_ASCII = r"[^\x01-\x7f]"


def link_people(*, source_system: str, rows: list[CheckedRow], column_of: dict[str, str]) -> None:
    """Set row.links["person_id"] on each row, or add a problem saying who could not be found."""
    by_legacy = {str(row.values["person_legacy_id"]) for row in rows if row.values.get("person_legacy_id")}
    known: dict[str, uuid.UUID] = {}
    if by_legacy:
        known = dict(
            LegacyRecord.objects.filter(source_system=source_system, legacy_id__in=by_legacy).values_list("legacy_id", "person_id")
        )
    others = [row for row in rows if not row.values.get("person_legacy_id")]
    matches = people_by_identity(others) if others else {}
    unknown = [
        row
        for row in rows
        if str(row.values.get("person_legacy_id") or "") not in known and len(matches.get(identity(row.values), [])) != 1
    ]
    refuse_destroyed(unknown, source_system=source_system, legacy_field="person_legacy_id")
    for row in rows:
        if row.links.get("destroyed"):
            continue
        legacy = str(row.values.get("person_legacy_id") or "")
        if legacy:
            if legacy in known:
                row.links["person_id"] = known[legacy]
            else:
                row.add_problem(
                    column_of.get("person_legacy_id", "Old system's person id"), NOT_FOUND_BY_ID.format(source=source_system, legacy=legacy)
                )
            continue
        found = matches.get(identity(row.values), [])
        if len(found) == 1:
            row.links["person_id"] = found[0]
        else:
            row.add_problem("Whole row", SEVERAL if found else NOT_FOUND)


def refuse_destroyed(rows: list[CheckedRow], *, source_system: str, legacy_field: str) -> None:
    """A row about someone whose record was destroyed gets a problem (one query for the rows):
    their old data is not brought back. The message does not say who it was."""
    if not rows:
        return
    candidates = [
        Identifiers(
            nhs_number=str(row.values.get("nhs_number") or ""),
            given_name=str(row.values.get("given_name") or ""),
            family_name=str(row.values.get("family_name") or ""),
            date_of_birth=row.values.get("date_of_birth") if isinstance(row.values.get("date_of_birth"), date) else None,
            legacy_ids=((source_system, str(row.values[legacy_field])),) if row.values.get(legacy_field) else (),
        )
        for row in rows
    ]
    for row, destroyed in zip(rows, destroyed_matches(candidates), strict=True):
        if destroyed:
            row.links["destroyed"] = True
            row.add_problem("Whole row", DESTROYED_MESSAGE)
