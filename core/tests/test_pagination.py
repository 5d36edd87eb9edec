"""A page and its count from one query (core.pagination.counted_page): the same rows and total as
slicing and counting separately, for every page and past the end, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db.models import Value
from django.db.models.functions import Concat
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from community.models import Activity
from community.tests.factories import ActivityFactory
from core.pagination import counted_page, fetch_page


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, database=None, phases=[Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(st.sampled_from(["Art", "art", "Walk", "Café", "Zumba"]), max_size=9), start=st.integers(0, 12), size=st.integers(0, 5)
)
def test_a_counted_page_is_the_slice_and_the_count(names: list[str], start: int, size: int) -> None:
    from django.db import transaction

    with transaction.atomic():
        for name in names:
            ActivityFactory.create(name=name)
        ordered = Activity.objects.order_by(Concat("name", Value("")).asc(), "id")
        rows, total = counted_page(ordered, start, start + size)
        assert total == len(names)
        assert rows == list(ordered[start : start + size]) == fetch_page(ordered, start, start + size)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_a_page_within_the_list_asks_one_query_for_its_keys_and_count(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    for name in ("b", "a", "c"):
        ActivityFactory.create(name=name)
    with django_assert_num_queries(2):  # the keys with the count; those rows
        rows, total = counted_page(Activity.objects.order_by("name", "id"), 1, 3)
    assert [row.name for row in rows] == ["b", "c"] and total == 3
    with django_assert_num_queries(2):  # past the end: no row carries the count, so it is asked for
        assert counted_page(Activity.objects.order_by("name", "id"), 5, 7) == ([], 3)
