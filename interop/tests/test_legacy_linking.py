"""Matching a file's people to STaR's by NHS number, names and date of birth: the database narrows
by family name, so a batch never fetches everyone born on its dates, and nobody a casefolded
comparison would match is ever left out."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.legacy.linking import candidates, people_by_identity
from interop.legacy.validation import CheckedRow
from people.tests.factories import PersonFactory

BORN = date(1970, 5, 17)


def row(given: str, family: str, *, born: date = BORN, nhs_number: str = "") -> CheckedRow:
    values = {"given_name": given, "family_name": family, "date_of_birth": born, "nhs_number": nhs_number}
    return CheckedRow(row=2, values=values)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("Okafor", "OKAFOR"),  # plain letters, any case
        ("Öztürk", "ÖZTÜRK"),  # letters SQLite's lower() leaves alone
        ("Strauß", "STRAUSS"),  # casefolds to the same letters, lower() does not
        ("Strauss", "Strauß"),
        ("李", "李"),
        ("O'Brien-Smith", "o'brien-smith"),
    ],
)
def test_a_person_is_found_whatever_the_case_of_their_family_name(stored: str, written: str) -> None:
    person = PersonFactory.create(given_name="Ada", family_name=stored, date_of_birth=BORN, nhs_number="")
    found = people_by_identity([row("ADA", written)])
    assert list(found.values()) == [[person.pk]]


@pytest.mark.django_db
def test_people_born_on_the_day_with_other_family_names_are_not_fetched() -> None:
    PersonFactory.create(given_name="Ada", family_name="Okafor", date_of_birth=BORN, nhs_number="")
    PersonFactory.create(given_name="Ada", family_name="Öztürk", date_of_birth=BORN, nhs_number="")  # let through: not ASCII
    for number in range(30):
        PersonFactory.create(given_name="Ada", family_name=f"Other{number}", date_of_birth=BORN, nhs_number="")
    fetched = candidates([row("Ada", "okafor")])
    assert fetched is not None
    assert sorted(fetched.values_list("family_name", flat=True)) == ["Okafor", "Öztürk"]


@pytest.mark.django_db
def test_one_query_for_a_batch_with_and_without_nhs_numbers() -> None:
    PersonFactory.create(given_name="Ada", family_name="Okafor", date_of_birth=BORN, nhs_number="9434765919")
    rows = [row("Ada", "Okafor", nhs_number="9434765919"), *[row(f"Given{n}", f"Family{n}") for n in range(50)]]
    with CaptureQueriesContext(connection) as captured:
        found = people_by_identity(rows)
    assert len(captured.captured_queries) == 1
    assert len(found) == 1


names = st.text(alphabet=st.characters(codec="utf-8", categories=["L"]), min_size=1, max_size=12)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(stored=names, case=st.sampled_from(["upper", "lower", "title", "casefold", "same"]))
def test_nobody_a_casefolded_comparison_matches_is_left_out(stored: str, case: str) -> None:
    # STaR keeps names, and an import reads them, in one Unicode form (core.text: NFC).
    stored = unicodedata.normalize("NFC", stored)
    written = unicodedata.normalize("NFC", stored if case == "same" else getattr(stored, case)())
    if written.casefold() != stored.casefold() or not written.strip():
        return
    person = PersonFactory.create(given_name="Ada", family_name=stored, date_of_birth=BORN, nhs_number="")
    try:
        assert people_by_identity([row("Ada", written)]).get(("", "ada", written.casefold(), BORN)) == [person.pk]
    finally:
        person.delete()
