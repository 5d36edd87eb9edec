"""Amounts typed in pounds: anything that is not a sensible sum of money is an error, never a crash
(found by star/tests/test_forms_fuzz.py)."""

from __future__ import annotations

import pytest

from reports.forms import CostForm


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "-Infinity", "1e309", "9" * 20, "sNaN"])
def test_amounts_that_are_not_money_are_refused_plainly(typed: str) -> None:
    form = CostForm({"amount": typed})
    assert not form.is_valid()
    assert str(form.errors["amount"][0]).startswith("Enter")


def test_a_normal_amount_becomes_pence() -> None:
    form = CostForm({"amount": "£1,250.50"})
    form.is_valid()
    assert form.cleaned_data["amount"] == 125050
