"""Ethnicity is asked with the ONS 2021 list and the NHS 2001 code is derived (standards.md §13.2)."""

from __future__ import annotations

import pytest

from people import equality
from people.equality import Ethnicity2021 as E
from people.models import EqualityMonitoring
from people.tests.factories import PersonFactory

TABLE = [
    (E.WHITE_BRITISH, "A"),
    (E.WHITE_IRISH, "B"),
    (E.WHITE_GYPSY_TRAVELLER, "C"),
    (E.WHITE_ROMA, "C"),
    (E.WHITE_OTHER, "C"),
    (E.MIXED_WHITE_BLACK_CARIBBEAN, "D"),
    (E.MIXED_WHITE_BLACK_AFRICAN, "E"),
    (E.MIXED_WHITE_ASIAN, "F"),
    (E.MIXED_OTHER, "G"),
    (E.ASIAN_INDIAN, "H"),
    (E.ASIAN_PAKISTANI, "J"),
    (E.ASIAN_BANGLADESHI, "K"),
    (E.ASIAN_CHINESE, "R"),
    (E.ASIAN_OTHER, "L"),
    (E.BLACK_CARIBBEAN, "M"),
    (E.BLACK_AFRICAN, "N"),
    (E.BLACK_OTHER, "P"),
    (E.OTHER_ARAB, "S"),
    (E.OTHER_ANY, "S"),
    (E.DECLINED, "Z"),
    (E.NOT_ASKED, "99"),
]


def test_the_table_covers_every_2021_answer_exactly_once() -> None:
    assert sorted(category for category, _ in TABLE) == sorted(E.values)
    assert len(E.values) == 21  # 19 ONS categories, declined, not asked


@pytest.mark.parametrize(("category", "code"), TABLE)
def test_nhs_2001_code_is_derived(category: str, code: str) -> None:
    assert equality.nhs_ethnic_category(category) == code


@pytest.mark.django_db
def test_saving_stores_the_derived_code() -> None:
    monitoring = EqualityMonitoring.objects.create(person=PersonFactory.create(), ethnicity=E.ASIAN_CHINESE)
    monitoring.refresh_from_db()
    assert monitoring.nhs_ethnic_category == "R"


def test_every_question_offers_prefer_not_to_say() -> None:
    for choices in (
        E,
        equality.Sex,
        equality.GenderIdentity,
        equality.GenderSameAtBirth,
        equality.SexualOrientation,
        equality.Disability,
        equality.Religion,
    ):
        assert any(label == "Prefer not to say" for label in choices.labels), choices
