"""XLSX list exports: the same rows as the CSV, audited, with formulas neutralised."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from people.models import Person
from people.tests.factories import PersonFactory
from referrals.tests.factories import ReferralFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db


def sheet_rows(response: _MonkeyPatchedWSGIResponse) -> list[list[object]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def test_people_xlsx_is_everyone_the_manager_sees_and_audited(as_manager: Client, world: World) -> None:
    table = sheet_rows(as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "people"})))
    assert table[0][:2] == ["Last name", "First name"] and table[0][-1] == "Id"
    assert {row[-1] for row in table[1:]} == {str(pk) for pk in Person.objects.values_list("pk", flat=True)}
    events = AuditEvent.objects.filter(user=world.manager, action="export", detail__format="xlsx")
    assert set(events.values_list("person_id", flat=True)) == set(Person.objects.values_list("pk", flat=True))


def test_formula_injection_and_control_characters_are_neutralised(as_manager: Client, world: World) -> None:
    PersonFactory.create(given_name='=HYPERLINK("http://evil.example","click")', family_name="@SUM(A1)\x07")
    response = as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "people"}))
    workbook = load_workbook(io.BytesIO(response.content))  # not read-only: formulas would show as such
    evil = next(row for row in workbook.worksheets[0].iter_rows() if "HYPERLINK" in str(row[1].value))
    assert evil[1].data_type == "s" and str(evil[1].value).startswith("'=")
    assert evil[0].value == "'@SUM(A1)"


def test_referrals_xlsx(as_manager: Client, world: World) -> None:
    ReferralFactory.create(person=world.caseload_person)
    table = sheet_rows(as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "referrals"})))
    assert len(table) == 2 and str(world.caseload_person.pk) in table[1]


def test_workers_cannot_export_xlsx(as_worker: Client) -> None:
    assert as_worker.get(reverse("interop:export_xlsx", kwargs={"list_name": "people"})).status_code == 403


def test_unknown_xlsx_list_is_404(as_manager: Client) -> None:
    assert as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "secrets"})).status_code == 404


def test_xlsx_queries_are_bounded(as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    PersonFactory.create_batch(30)
    with django_assert_max_num_queries(12):
        table = sheet_rows(as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "people"})))
    assert len(table) == Person.objects.count() + 1


def test_the_workbook_is_usable_dates_are_dates_header_frozen_and_filtered(as_manager: Client, world: World) -> None:
    from datetime import date

    PersonFactory.create(given_name="Zoë", family_name="Łukasz", date_of_birth=date(1990, 12, 9))
    ReferralFactory.create(person=world.caseload_person)
    people = load_workbook(io.BytesIO(as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "people"})).content)).active
    assert [cell.value for cell in people[1]][:2] == ["Last name", "First name"]
    assert people[1][0].font.b and people.freeze_panes == "B2"
    assert people.auto_filter.ref == f"A1:G{people.max_row}"
    assert people.column_dimensions["A"].width >= 8
    row = next(r for r in people.iter_rows(min_row=2) if r[0].value == "Łukasz")
    assert row[1].value == "Zoë" and row[3].value.date() == date(1990, 12, 9) and row[3].is_date
    referrals = load_workbook(io.BytesIO(as_manager.get(reverse("interop:export_xlsx", kwargs={"list_name": "referrals"})).content)).active
    received = referrals.cell(row=2, column=3)
    assert referrals.cell(row=1, column=3).value == "Received" and received.is_date
