"""Finding a person: by name, preferred name, NHS number or date of birth; only people the user
may see; terms never in the URL; every person shown is audited; the cost does not grow with data."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World
from people.forms import parse_search
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from people.views import search as search_view


def search(client: Client, query: str, page: int | None = None) -> str:
    response = client.post(reverse("people:search"), {"query": query})
    assert response.status_code == 302
    location = response["Location"]
    assert query.split()[0].lower() not in location.lower(), "search terms must never be in the URL"
    if page:
        location += f"&page={page}"
    return client.get(location).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Smith", {"names": ["Smith"], "nhs_number": "", "date_of_birth": None}),
        ("943 476 5919", {"names": [], "nhs_number": "9434765919", "date_of_birth": None}),
        ("Ada 10/12/1815", {"names": ["Ada"], "nhs_number": "", "date_of_birth": datetime.date(1815, 12, 10)}),
        ("1815-12-10", {"names": [], "nhs_number": "", "date_of_birth": datetime.date(1815, 12, 10)}),
        ("31/02/1990", {"names": ["31/02/1990"], "nhs_number": "", "date_of_birth": None}),
    ],
)
def test_search_terms_are_understood(query: str, expected: dict[str, object]) -> None:
    assert parse_search(query) == expected


def test_finds_by_last_name_first_name_and_preferred_name(as_worker: Client, world: World) -> None:
    assert "Ada Lovelace" in search(as_worker, "lovelace")
    assert "Ada Lovelace" in search(as_worker, "ada love")
    assert "Ada Lovelace" in search(as_worker, "addie")


def test_finds_by_nhs_number_with_spaces(as_worker: Client, world: World) -> None:
    number = world.caseload_person.nhs_number_display
    assert "Ada Lovelace" in search(as_worker, number)


def test_finds_by_date_of_birth(as_worker: Client, world: World) -> None:
    born = world.caseload_person.date_of_birth
    assert born is not None
    assert "Ada Lovelace" in search(as_worker, born.strftime("%d/%m/%Y"))


def test_people_outside_the_caseload_are_not_found(as_worker: Client, world: World) -> None:
    page = search(as_worker, "turing")
    assert "Alan Turing" not in page
    assert "0 people found" in page
    assert "ask for emergency access" in page


def test_a_manager_finds_anyone(as_manager: Client, world: World) -> None:
    assert "Alan Turing" in search(as_manager, "turing")


def test_each_person_shown_is_audited_once(as_worker: Client, world: World) -> None:
    search(as_worker, "lovelace")
    events = AuditEvent.objects.filter(action="search", user=world.worker)
    assert [e.person_id for e in events] == [world.caseload_person.pk]


def test_results_are_paginated_and_cost_the_same_however_many_match(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(45):
        CaseloadEntryFactory.create(worker=world.worker, person=PersonFactory.create(family_name="Smith"))
    response = as_worker.post(reverse("people:search"), {"query": "smith"})
    with django_assert_max_num_queries(12):
        first = as_worker.get(response["Location"]).content.decode()
    with django_assert_max_num_queries(12):
        third = as_worker.get(response["Location"] + "&page=3").content.decode()
    assert "45 people found" in first
    assert first.count('<tr class="nhsuk-table__row">') == 21  # header row + 20 people
    assert third.count('<tr class="nhsuk-table__row">') == 6


def test_an_expired_search_token_asks_to_search_again(as_worker: Client) -> None:
    page = as_worker.get(reverse("people:search") + "?search=not-a-real-token").content.decode()
    assert "That search has ended" in page


def test_an_empty_search_is_answered_in_plain_english(as_worker: Client) -> None:
    page = as_worker.post(reverse("people:search"), {"query": ""}).content.decode()
    assert "Enter a name, NHS number or date of birth" in page


def test_a_broad_search_counts_at_most_a_hundred(
    as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    PersonFactory.create_batch(105, family_name="Smithson")
    response = as_manager.post(reverse("people:search"), {"query": "smiths"})
    with django_assert_max_num_queries(12):
        first = as_manager.get(response["Location"]).content.decode()
    assert "More than 100 people found" in first
    assert "Add a first name or a date of birth" in first
    last = as_manager.get(response["Location"] + "&page=5").content.decode()
    assert last.count('<tr class="nhsuk-table__row">') == 21  # 100 shown over five pages
    assert "Page 6" not in last


def test_a_workers_search_looks_only_among_their_own_people(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """The scope comes first (caseload and emergency access), then the names among it."""
    PersonFactory.create_batch(30, family_name="Lovelace")  # not on the caseload
    response = as_worker.post(reverse("people:search"), {"query": "lovelace"})
    with django_assert_max_num_queries(12):
        page = as_worker.get(response["Location"]).content.decode()
    assert "1 person found" in page and "Ada Lovelace" in page


@pytest.mark.parametrize("terms", ["lovelace", "LOVE", "ada love", "addie", "by", "ad by", "Öz", "öz", "100%", "a_b", "nobody"])
def test_a_few_peoples_names_match_as_everyones(db: None, terms: str) -> None:
    """A worker's search compares names as expressions no index holds (PostgreSQL then reads the
    caseload by id): the same people match as through the name indexes."""
    for given, family, preferred in [
        ("Ada", "Lovelace", "Addie"),
        ("Charles", "Babbage", ""),
        ("Byron", "Adams", "By"),
        ("Özlem", "Öztürk", ""),
        ("Percy", "100%", "a_b"),
        ("Ann", "Ab", "aXb"),
    ]:
        PersonFactory.create(given_name=given, family_name=family, preferred_name=preferred)
    everyone = set(Person.objects.matching(terms).values_list("pk", flat=True))
    few = list(Person.objects.values_list("pk", flat=True))
    assert set(Person.objects.filter(pk__in=few).matching(terms, few_people=True).values_list("pk", flat=True)) == everyone


def test_a_managers_pages_by_name_are_the_whole_list_in_name_order(
    as_manager: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manager's pages are read through the name order (people/name_order.py: on PostgreSQL
    the first of each name's matches, merged): page by page, the list the whole filter gives, in
    name order with case ignored, each person once."""
    for given, family, preferred in [
        ("Bea", "Blake", ""),
        ("Blair", "Adams", ""),
        ("Cara", "blackwood", ""),
        ("Dev", "Ng", "Blaze"),
        ("Blake", "Blake", "Bla"),  # matched by all three names: listed once
        ("Eve", "BLAND", ""),
        ("Ann", "Blake", ""),
        ("Zoe", "Black", "Zed"),
        ("Amy", "Black", ""),
        ("Ola", "Bla", ""),
        ("Bob", "Smith", ""),
    ]:
        PersonFactory.create(given_name=given, family_name=family, preferred_name=preferred)
    monkeypatch.setattr(search_view, "PAGE_SIZE", 3)
    response = as_manager.post(reverse("people:search"), {"query": "bla"})
    seen: list[str] = []
    for page in (1, 2, 3, 4):
        body = as_manager.get(f"{response['Location']}&page={page}").content.decode()
        assert "10 people found" in body
        seen += re.findall(r'people/[0-9a-f-]+/">([^<]+)</a>', body)
    # Family name, then given name, case ignored: Blair Adams and Dev Ng are matched by their
    # given and preferred names.
    assert seen == [
        "Blair Adams",
        "Ola Bla",
        "Amy Black",
        "Zoe Black",
        "Cara blackwood",
        "Ann Blake",
        "Bea Blake",
        "Blake Blake",
        "Eve BLAND",
        "Dev Ng",
    ]
    assert "0 people found" in search(as_manager, "nobody")  # no page to read at all
