"""CSV list exports: managers only, through the gates, each person audited, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from django.http import HttpResponseBase, StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from community.tests.factories import AttendanceFactory
from conftest import World, sign_in
from core.spreadsheets import FORMULA_STARTS, PLAIN_NUMBER
from enablement.tests.factories import ContactFactory, EpisodeFactory
from interop.exports import neutralise
from people.models import Person
from people.tests.factories import PersonFactory
from referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def rows(response: HttpResponseBase) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert isinstance(response, StreamingHttpResponse)
    return list(csv.reader(io.StringIO(response.getvalue().decode())))


def test_people_export_is_everyone_the_manager_sees_and_audited(as_manager: Client, world: World) -> None:
    table = rows(as_manager.get(reverse("interop:export_csv", kwargs={"list_name": "people"})))
    assert table[0][:2] == ["Last name", "First name"] and table[0][-1] == "Id"
    assert {row[-1] for row in table[1:]} == {str(pk) for pk in Person.objects.values_list("pk", flat=True)}
    audited = set(AuditEvent.objects.filter(user=world.manager, action="export").values_list("person_id", flat=True))
    assert audited == set(Person.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("name", ["referrals", "contacts", "attendances"])
def test_other_lists(as_manager: Client, world: World, name: str) -> None:
    ReferralFactory.create(person=world.caseload_person)
    ContactFactory.create(episode=EpisodeFactory.create(person=world.caseload_person, worker=world.worker))
    AttendanceFactory.create(person=world.caseload_person)
    table = rows(as_manager.get(reverse("interop:export_csv", kwargs={"list_name": name})))
    assert len(table) == 2
    assert str(world.caseload_person.pk) in table[1]


def test_formula_injection_is_neutralised(as_manager: Client, world: World) -> None:
    PersonFactory.create(given_name='=HYPERLINK("http://evil.example","click")', family_name="+SUM(A1)")
    table = rows(as_manager.get(reverse("interop:export_csv", kwargs={"list_name": "people"})))
    evil = next(row for row in table if "HYPERLINK" in row[1])
    assert evil[1].startswith("'=")
    assert evil[0] == "'+SUM(A1)"


@given(st.text(max_size=20))
def test_no_cell_starts_a_formula(value: str) -> None:
    cell = neutralise(value)
    assert not cell.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(cell)
    assert cell.removeprefix("'") == value or cell == value


def test_unknown_list_is_404(as_manager: Client) -> None:
    assert as_manager.get(reverse("interop:export_csv", kwargs={"list_name": "secrets"})).status_code == 404


def test_workers_cannot_export(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    assert client.get(reverse("interop:export_csv", kwargs={"list_name": "people"})).status_code == 403
    assert client.get(reverse("interop:export_list")).status_code == 403


def test_export_queries_are_bounded(as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    PersonFactory.create_batch(40)
    with django_assert_max_num_queries(12):
        table = rows(as_manager.get(reverse("interop:export_csv", kwargs={"list_name": "people"})))
    assert len(table) == 44


def test_the_page_links_every_list(as_manager: Client) -> None:
    page = as_manager.get(reverse("interop:export_list"))
    for name in ("people", "referrals", "contacts", "attendances"):
        assert reverse("interop:export_csv", kwargs={"list_name": name}).encode() in page.content
