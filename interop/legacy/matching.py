"""Match an old system's column headings to STaR's fields, and show what each column holds.

A heading matches a field when, ignoring case, spaces and punctuation, it is the field's label
or one of the names old systems commonly use for it ("Forename", "Surname", "DOB", "NHS No",
"ClientID"). Each heading fills at most one field; the first field to claim it keeps it."""

from __future__ import annotations

import re

from interop.legacy.models import ImportKind
from interop.legacy.reading import Table
from interop.legacy.validation import fields_for

SAMPLES = 3
SAMPLE_LENGTH = 30

PERSON_ID = ("client id", "clientid", "client no", "client number", "person id", "personid", "service user id", "su id", "client ref")
# Field name -> the other headings old systems use for it.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "given_name": ("forename", "forenames", "first name", "firstname", "given name", "first", "christian name", "fname"),
    "family_name": ("surname", "last name", "lastname", "family name", "second name", "lname"),
    "preferred_name": ("known as", "preferred name", "nickname", "aka"),
    "date_of_birth": ("dob", "d o b", "date of birth", "birth date", "birthdate", "born"),
    "nhs_number": ("nhs no", "nhs number", "nhs num", "nhsno", "nhs"),
    "phone": ("phone", "telephone", "tel", "phone number", "telephone number", "mobile", "mobile number", "contact number"),
    "email": ("email", "e mail", "email address"),
    "postcode": ("postcode", "post code", "zip", "postal code"),
    "address_line_1": ("address", "address 1", "address line 1", "address1", "street", "house"),
    "address_line_2": ("address 2", "address line 2", "address2", "locality", "area"),
    "town": ("town", "city", "town or city", "town city"),
    "no_fixed_abode": ("nfa", "no fixed abode", "no fixed address", "homeless"),
    "gp_practice_name": ("gp", "gp practice", "gp surgery", "surgery", "doctor", "gp name", "practice"),
    "gp_practice_code": ("gp code", "practice code", "ods code", "gp practice code", "ods"),
    "ethnicity": ("ethnicity", "ethnic group", "ethnic origin", "ethnic category", "ethnic"),
    "pronouns": ("pronouns", "pronoun"),
    "first_language": ("language", "first language", "main language", "preferred language"),
    "interpreter_needed": ("interpreter", "interpreter needed", "needs interpreter", "interpreter required"),
    "communication_needs": ("communication needs", "communication", "access needs"),
    "preferred_contact_method": ("contact method", "preferred contact", "contact by", "how to contact"),
    "emergency_contact_name": ("emergency contact", "next of kin", "nok", "emergency contact name", "nok name"),
    "emergency_contact_relationship": ("relationship", "nok relationship", "emergency contact relationship"),
    "emergency_contact_phone": ("emergency phone", "nok phone", "emergency contact phone", "nok telephone"),
    "person_legacy_id": PERSON_ID,
    "worker_name": ("worker", "staff", "staff member", "key worker", "keyworker"),
    "notes": ("notes", "note", "contact notes", "what was done", "summary"),
    "reason": ("reason", "referral reason", "reason for referral"),
    "received_on": ("received", "date received", "referral date", "date of referral"),
    "contact_date": ("date", "contact date", "date of contact"),
}
# The old system's own id for the row: for a people file that is the person's id.
OWN_ID: dict[str, tuple[str, ...]] = {
    ImportKind.PEOPLE: (*PERSON_ID, "id", "ref", "reference"),
    ImportKind.REFERRALS: ("referral id", "ref id", "referral ref", "referral no", "id"),
    ImportKind.CONTACTS: ("contact id", "contact ref", "id"),
    ImportKind.ATTENDANCES: (),
}


def simple(text: str) -> str:
    """ "NHS No." -> "nhsno", "First_Name" -> "firstname", "D.O.B" -> "dob"."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def names_for(kind: str, name: str, label: str) -> set[str]:
    names = {label, name.replace("_", " "), *SYNONYMS.get(name, ())}
    if name == "legacy_id":
        names |= set(OWN_ID.get(kind, ()))
    return {simple(each) for each in names}


def guess_columns(kind: str, headings: list[str]) -> dict[str, str]:
    """Field name -> the heading that holds it, for every field whose heading is recognised."""
    by_simple: dict[str, str] = {}
    for each in headings:
        by_simple.setdefault(simple(each), each)
    taken: set[str] = set()
    found: dict[str, str] = {}
    for target in fields_for(kind):
        for candidate in sorted(names_for(kind, target.name, target.label), key=len, reverse=True):
            match = by_simple.get(candidate)
            if match is not None and match not in taken:
                found[target.name] = match
                taken.add(match)
                break
    return found


def samples(table: Table, *, count: int = SAMPLES) -> dict[str, list[str]]:
    """Heading -> up to `count` different values from the first rows that have one, shortened."""
    found: dict[str, list[str]] = {heading: [] for heading in table.headings if heading}
    for row in table.rows[:200]:
        for heading, value in zip(table.headings, row, strict=False):
            values = found.get(heading)
            value = value.strip()
            if values is None or not value or len(values) >= count:
                continue
            short = value if len(value) <= SAMPLE_LENGTH else value[: SAMPLE_LENGTH - 1] + "…"
            if short not in values:
                values.append(short)
        if all(len(values) >= count for values in found.values()):
            break
    return found
