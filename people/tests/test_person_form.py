"""Registering and changing a person: every bad input gets a specific message and keeps what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from conftest import World
from people.forms import PersonForm
from people.models import CaseloadEntry, Consent, Person


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "given_name": "Grace",
        "family_name": "Hopper",
        "date_of_birth_day": "9",
        "date_of_birth_month": "12",
        "date_of_birth_year": "1976",
        "nhs_number_status": "07",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("sw1a1aa", "SW1A 1AA"), ("  m1   1ae ", "M1 1AE"), ("gir0aa", "GIR 0AA"), ("B33 8TH", "B33 8TH"), ("DN55 1PT", "DN55 1PT")],
)
def test_postcodes_are_normalised(typed: str, stored: str, db: None) -> None:
    form = PersonForm(data=form_data(postcode=typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == stored


@pytest.mark.parametrize("typed", ["QA1 1AA", "SW1A 1AAA", "AB1 1CI", "BFPO 123"])
def test_invalid_postcodes_are_refused_in_plain_english(typed: str, db: None) -> None:
    form = PersonForm(data=form_data(postcode=typed))
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Enter a real postcode, like B1 1AA"]


def test_a_postcode_with_no_fixed_address_is_questioned(db: None) -> None:
    form = PersonForm(data=form_data(postcode="B1 1AA", no_fixed_abode="on"))
    assert not form.is_valid()
    assert "no fixed address" in form.errors["postcode"][0]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "12", "1976", "Date of birth must include a day"),
        ("31", "2", "1976", "Date of birth must be a real date"),
        ("1", "1", "76", "Year must include 4 numbers"),
        ("1", "1", "2999", "Date of birth must be in the past"),
        ("a", "1", "1976", "Date of birth must be a real date, written in numbers, for example 27 3 1990"),
    ],
)
def test_dates_of_birth_are_checked(day: str, month: str, year: str, message: str, db: None) -> None:
    form = PersonForm(data=form_data(date_of_birth_day=day, date_of_birth_month=month, date_of_birth_year=year))
    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]


def test_a_typed_nhs_number_is_stored_bare_and_marked_not_traced(db: None) -> None:
    form = PersonForm(data=form_data(nhs_number="943 476 5919"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nhs_number"] == "9434765919"
    assert form.cleaned_data["nhs_number_status"] == "02"


def test_the_same_nhs_number_twice_is_refused(world: World) -> None:
    form = PersonForm(data=form_data(nhs_number=world.stranger.nhs_number))
    assert not form.is_valid()
    assert "Another person already has this NHS number" in form.errors["nhs_number"][0]


def test_phone_numbers_are_checked(db: None) -> None:
    assert PersonForm(data=form_data(phone="0121 496 0000")).is_valid()
    form = PersonForm(data=form_data(phone="12345"))
    assert not form.is_valid()
    assert form.errors["phone"] == ["Enter a phone number, like 0121 496 0000 or 07700 900 982"]


def test_worker_registers_a_person_who_joins_their_caseload(as_worker: Client, world: World) -> None:
    response = as_worker.post(reverse("people:new"), form_data(consents=["share_with_gp", "contact_by_text"]))
    person = Person.objects.get(family_name="Hopper")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": person.pk})
    assert CaseloadEntry.objects.filter(person=person, worker=world.worker, ended_at__isnull=True).exists()
    assert set(Consent.objects.filter(person=person, given=True).values_list("kind", flat=True)) == {"share_with_gp", "contact_by_text"}
    assert AuditEvent.objects.filter(person_id=person.pk, action="create", user=world.worker).count() == 1


def test_bad_input_keeps_what_was_typed(as_worker: Client) -> None:
    response = as_worker.post(reverse("people:new"), form_data(nhs_number="943 476 5918", email="not an email"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_nhs_number"' in page
    assert "This is not a valid NHS number" in page
    assert 'value="943 476 5918"' in page
    assert 'value="Grace"' in page
    assert "<title>Error: " in page
    assert not Person.objects.filter(family_name="Hopper").exists()


def test_editing_audits_the_changed_fields_not_their_values(as_worker: Client, world: World) -> None:
    person = world.caseload_person
    data = form_data(given_name=person.given_name, family_name="Byron", nhs_number=person.nhs_number, nhs_number_status="02")
    as_worker.post(reverse("people:edit", kwargs={"person_id": person.pk}), data)
    event = AuditEvent.objects.filter(person_id=person.pk, action="update").get()
    assert "family_name" in event.detail["changed"]
    assert "Byron" not in str(event.detail)
    person.refresh_from_db()
    assert person.family_name == "Byron"


def test_withdrawing_a_consent_adds_a_row_and_keeps_the_history(as_worker: Client, world: World) -> None:
    person = world.caseload_person
    url = reverse("people:edit", kwargs={"person_id": person.pk})
    base = form_data(given_name="Ada", family_name="Lovelace", nhs_number=person.nhs_number, nhs_number_status="02")
    as_worker.post(url, {**base, "consents": ["evaluation"]})
    as_worker.post(url, base)
    history = list(Consent.objects.filter(person=person, kind="evaluation").order_by("recorded_at", "id").values_list("given", flat=True))
    assert history == [True, False]


def test_a_worker_cannot_edit_someone_outside_their_caseload(as_worker: Client, world: World) -> None:
    response = as_worker.post(reverse("people:edit", kwargs={"person_id": world.stranger.pk}), form_data())
    assert response.status_code == 404
    world.stranger.refresh_from_db()
    assert world.stranger.family_name == "Turing"


def test_consents_are_checkboxes_so_several_can_be_chosen(as_worker: Client) -> None:
    page = as_worker.get(reverse("people:new")).content.decode()
    assert 'name="consents" type="checkbox" value="share_with_gp"' in page
    assert 'type="radio" value="share_with_gp"' not in page
