"""Issue 18: the old system's usual column names are matched for the manager, three values of
each column are shown while matching, and the person fields the people forms have come in with
the web forms' checks (address, GP, ethnicity, language, contact, emergency contact)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from interop.legacy import services
from interop.legacy.matching import guess_columns, samples, simple
from interop.legacy.models import DateFormat, ImportKind, ImportRun
from interop.legacy.reading import Table
from interop.legacy.validation import check_row
from interop.tests.legacy_factories import csv_bytes
from people import nhs_number
from people.models import EqualityMonitoring, Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Forename", "given_name"),
        ("First Name", "given_name"),
        ("given_name", "given_name"),
        ("Surname", "family_name"),
        ("Last name", "family_name"),
        ("FAMILY NAME", "family_name"),
        ("DOB", "date_of_birth"),
        ("D.O.B.", "date_of_birth"),
        ("Date of Birth", "date_of_birth"),
        ("NHS No", "nhs_number"),
        ("NHS No.", "nhs_number"),
        ("NHS Number", "nhs_number"),
        ("ClientID", "legacy_id"),
        ("Client ID", "legacy_id"),
        ("Person ID", "legacy_id"),
        ("Post Code", "postcode"),
        ("Telephone", "phone"),
        ("Mobile", "phone"),
        ("E-mail", "email"),
        ("Address 1", "address_line_1"),
        ("Town", "town"),
        ("GP Surgery", "gp_practice_name"),
        ("ODS code", "gp_practice_code"),
        ("Ethnic Group", "ethnicity"),
        ("Known as", "preferred_name"),
        ("Language", "first_language"),
        ("Interpreter", "interpreter_needed"),
        ("Next of kin", "emergency_contact_name"),
    ],
)
def test_common_column_names_are_matched(heading: str, field: str) -> None:
    assert guess_columns(ImportKind.PEOPLE, ["Unrelated", heading]).get(field) == heading


def test_a_whole_old_file_is_matched_once_per_column() -> None:
    headings = ["ClientID", "Forename", "Surname", "DOB", "NHS No", "Postcode", "Phone", "Email", "Notes about nothing"]
    guessed = guess_columns(ImportKind.PEOPLE, headings)
    assert guessed == {
        "legacy_id": "ClientID",
        "given_name": "Forename",
        "family_name": "Surname",
        "date_of_birth": "DOB",
        "nhs_number": "NHS No",
        "postcode": "Postcode",
        "phone": "Phone",
        "email": "Email",
    }
    assert len(set(guessed.values())) == len(guessed)


def test_in_other_files_the_client_id_is_the_persons_id() -> None:
    guessed = guess_columns(ImportKind.CONTACTS, ["Contact ID", "ClientID", "Date", "Worker", "Notes"])
    assert guessed["person_legacy_id"] == "ClientID" and guessed["legacy_id"] == "Contact ID"
    assert guessed["contact_date"] == "Date" and guessed["worker_name"] == "Worker" and guessed["notes"] == "Notes"


def test_three_different_values_are_shown_for_each_column() -> None:
    table = Table(
        headings=["Forename", "Empty", "Notes"],
        rows=[["Ada", "", "x" * 50], ["Ada", "", "short"], ["Ben", "", ""], ["Cal", "", ""], ["Dee", "", ""]],
        encoding="utf-8",
    )
    found = samples(table)
    assert found["Forename"] == ["Ada", "Ben", "Cal"]
    assert found["Empty"] == []
    assert found["Notes"][0].endswith("…") and len(found["Notes"][0]) == 30
    assert simple("N.H.S. No") == "nhsno"


def test_the_mapping_page_matches_columns_and_shows_samples(as_manager: Client, world: World) -> None:
    numbers = nhs_number.synthetic_numbers(0)
    rows = [[f"DC{n}", f"Given{n}", f"Family{n}", f"0{n + 1}/01/1970", next(numbers), "B1 1AA"] for n in range(4)]
    headings = ["ClientID", "Forename", "Surname", "DOB", "NHS No", "Post Code"]
    as_manager.post(
        reverse("interop:legacy_start"),
        {"kind": "people", "source_system": "Day centre", "file": SimpleUploadedFile("people.csv", csv_bytes(rows, headings=headings))},
    )
    run = ImportRun.objects.get()
    page = as_manager.get(reverse("interop:legacy_map", kwargs={"run_id": run.pk})).content.decode()
    assert "Forename (for example: Given0, Given1, Given2)" in page
    assert "Given3" not in page
    for heading in ("Forename", "ClientID", "DOB", "NHS No", "Surname", "Post Code"):
        assert re.search(rf'value="{heading}" selected\s*>', page), heading
    assert "What each column of the file holds" in page and "We have matched the columns" in page


NEW_FIELDS = {
    "address_line_1": "Address",
    "address_line_2": "Address 2",
    "town": "Town",
    "no_fixed_abode": "NFA",
    "gp_practice_name": "GP",
    "gp_practice_code": "GP code",
    "ethnicity": "Ethnicity",
    "pronouns": "Pronouns",
    "preferred_contact_method": "Contact method",
    "first_language": "Language",
    "interpreter_needed": "Interpreter",
    "communication_needs": "Communication needs",
    "emergency_contact_name": "Next of kin",
    "emergency_contact_relationship": "Relationship",
    "emergency_contact_phone": "NOK phone",
    "phone": "Phone",
}
BASE = {"given_name": "Ada", "family_name": "Quill", "date_of_birth": "02/03/1970"}


def checked(**cells: str) -> list[tuple[str, str]]:
    columns = {name: NEW_FIELDS.get(name, name) for name in (*BASE, *cells)}
    row = check_row(row_number=2, cells={**BASE, **cells}, columns=columns, date_format=DateFormat.DAY_FIRST)
    return [(problem.column, problem.message) for problem in row.problems]


@pytest.mark.parametrize(
    ("field", "good", "bad", "message"),
    [
        ("address_line_1", "12 Lime Street", "a" * 201, "longer than 200 characters"),
        ("address_line_2", "Digbeth", "Flat\u202e1", "characters"),
        ("town", "Birmingham", "b" * 101, "longer than 100 characters"),
        ("gp_practice_name", "Lime Street Surgery", "g" * 201, "longer than 200 characters"),
        ("gp_practice_code", "M85001", "M85001234567", "longer than 10 characters"),
        ("ethnicity", "Asian or Asian British: Indian", "Martian", "is not one of STaR's choices for ethnicity"),
        ("pronouns", "she/her", "p" * 41, "longer than 40 characters"),
        ("preferred_contact_method", "Telephone", "Pigeon", "is not one of STaR's choices"),
        ("first_language", "Urdu", "l" * 61, "longer than 60 characters"),
        ("interpreter_needed", "Y", "Maybe", "is not one of STaR's choices"),
        ("no_fixed_abode", "No", "Sometimes", "is not one of STaR's choices"),
        ("communication_needs", "Large print\nEasy read", "c" * 5001, "longer than 5000 characters"),
        ("emergency_contact_name", "Jo Quill", "n" * 201, "longer than 200 characters"),
        ("emergency_contact_relationship", "Sister", "r" * 101, "longer than 100 characters"),
        ("emergency_contact_phone", "07700 900 982", "12345", "is not a phone number"),
        ("phone", "+44 121 496 0000", "call me", "is not a phone number"),
    ],
)
def test_each_new_field_is_checked_as_the_person_form_checks_it(field: str, good: str, bad: str, message: str) -> None:
    assert checked(**{field: good}) == []
    problems = checked(**{field: bad})
    assert problems and problems[0][0] == NEW_FIELDS[field] and message in problems[0][1], problems


def test_ethnicity_is_read_from_the_usual_ways_of_writing_it() -> None:
    from interop.legacy.validation import PEOPLE_FIELDS

    choices = next(target for target in PEOPLE_FIELDS if target.name == "ethnicity").choices
    assert choices is not None
    assert choices["indian"] == "asian_indian" and choices["h"] == "asian_indian"
    assert choices["white: irish"] == "white_irish" and choices["prefer not to say"] == "declined"
    assert "any other mixed or multiple ethnic background" in choices


def test_a_postcode_and_no_fixed_address_together_is_a_problem() -> None:
    problems = checked(postcode="B1 1AA", no_fixed_abode="Yes")
    assert problems == [("postcode", "Remove the postcode, or say they have a fixed address: the row says both")]


def test_the_new_fields_go_into_the_record(world: World) -> None:
    headings = ["ClientID", "Forename", "Surname", "DOB", *NEW_FIELDS.values()]
    values = [
        "DC1",
        "Ada",
        "Quill",
        "02/03/1970",
        "12 Lime Street",
        "Digbeth",
        "Birmingham",
        "N",
        "Lime Street Surgery",
        "m85001",
        "Indian",
        "they/them",
        "Text",
        "Urdu",
        "Yes",
        "Large print",
        "Jo Quill",
        "Sister",
        "07700 900 982",
        "0121 496 0000",
    ]
    run = services.upload_file(
        by=world.manager, file_name="people.csv", content=csv_bytes([values], headings=headings), source_system="Old"
    )
    services.set_columns(
        by=world.manager, run=run, columns=guess_columns(ImportKind.PEOPLE, headings) | NEW_FIELDS, date_format="day_first"
    )
    services.import_people(by=world.manager, run=run)
    run.refresh_from_db()
    assert run.created_count == 1, run.problems
    person = Person.objects.get(family_name="Quill")
    assert (person.address_line_1, person.address_line_2, person.town, person.no_fixed_abode) == (
        "12 Lime Street",
        "Digbeth",
        "Birmingham",
        False,
    )
    assert (person.gp_practice_name, person.gp_practice_code) == ("Lime Street Surgery", "M85001")
    assert (person.pronouns, person.preferred_contact_method, person.first_language, person.interpreter_needed) == (
        "they/them",
        "text",
        "Urdu",
        True,
    )
    assert person.communication_needs == "Large print"
    assert (person.emergency_contact_name, person.emergency_contact_relationship, person.emergency_contact_phone) == (
        "Jo Quill",
        "Sister",
        "07700 900 982",
    )
    monitoring = EqualityMonitoring.objects.get(person=person)
    assert (monitoring.ethnicity, monitoring.nhs_ethnic_category) == ("asian_indian", "H")
