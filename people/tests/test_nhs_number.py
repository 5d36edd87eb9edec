"""NHS number rules, against the vectors in shared/reference/standards.md §3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from people import nhs_number
from people.nhs_number import Problem


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9434765919", None),  # the Data Dictionary's worked example
        ("943 476 5919", None),  # spaces pasted in
        ("943-476-5919", None),  # hyphens pasted in
        ("4010232137", None),
        ("9434765918", Problem.CHECK_DIGIT),
        ("123456789", Problem.WRONG_LENGTH),
        ("12345678901", Problem.WRONG_LENGTH),
        ("94347659A9", Problem.NOT_DIGITS),
        ("٩٤٣٤٧٦٥٩١٩", Problem.NOT_DIGITS),  # Arabic-Indic digits are not ASCII
        ("0000000000", Problem.NOT_ISSUED),  # checksum-valid, never issued
        ("5000000001", Problem.CHECK_DIGIT),
    ],
)
def test_problems_with_numbers(raw: str, expected: Problem | None) -> None:
    assert nhs_number.problem_with(raw, accept_synthetic=False) == expected


@pytest.mark.parametrize("raw", ["9990000018", "9990000026", "9990000034", "9990000042"])
def test_synthetic_test_range_is_accepted_only_when_allowed(raw: str) -> None:
    assert nhs_number.problem_with(raw, accept_synthetic=True) is None
    assert nhs_number.problem_with(raw, accept_synthetic=False) == Problem.NOT_ISSUED


@pytest.mark.parametrize("last", "0123456789")
def test_a_prefix_whose_check_would_be_ten_is_never_valid(last: str) -> None:
    assert nhs_number.check_digit("999000000") is None
    assert nhs_number.problem_with("999000000" + last, accept_synthetic=True) == Problem.CHECK_DIGIT


@pytest.mark.parametrize(
    "first_nine",
    ["500000000", "599999998", "311300000", "860000000"],  # reserved; gap after Scotland; unallocated
)
def test_numbers_outside_the_issued_ranges_are_refused(first_nine: str) -> None:
    digit = nhs_number.check_digit(first_nine)
    assert digit is not None
    assert nhs_number.problem_with(first_nine + str(digit), accept_synthetic=True) == Problem.NOT_ISSUED


def test_display_is_three_three_four() -> None:
    assert nhs_number.formatted("9434765919") == "943 476 5919"
    assert nhs_number.formatted("") == ""


@given(st.integers(min_value=0, max_value=200_000))
def test_every_generated_synthetic_number_is_valid_and_synthetic(start: int) -> None:
    number = next(nhs_number.synthetic_numbers(start=start))
    assert nhs_number.is_valid(number, accept_synthetic=True)
    assert nhs_number.is_synthetic(number)
    assert not nhs_number.is_valid(number, accept_synthetic=False)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(min_value=0, max_value=9))
def test_exactly_one_check_digit_fits_any_nine_digits(first_nine: str, last: int) -> None:
    digit = nhs_number.check_digit(first_nine)
    has_no_problem_with_checksum = nhs_number.problem_with(first_nine + str(last), accept_synthetic=True) != Problem.CHECK_DIGIT
    assert has_no_problem_with_checksum == (digit == last)
