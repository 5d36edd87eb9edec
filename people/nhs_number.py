"""NHS numbers: Modulus 11 check digit, issued ranges and 3-3-4 display.

Source: NHS Data Dictionary, NHS NUMBER; ranges as in the `nhs-number` package (see
shared/reference/standards.md §3). Numbers 999 000 0000 – 999 999 9999 are never issued and are
used for synthetic and test data only.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)

# (first, last) inclusive, as 10-digit integers.
ISSUED_RANGES: tuple[tuple[int, int, str], ...] = (
    (10_000_000, 3_112_999_999, "Scotland (CHI)"),
    (3_200_000_000, 3_999_999_999, "Northern Ireland"),
    (4_000_000_000, 4_999_999_999, "England, Wales and the Isle of Man"),
    (6_000_000_000, 7_999_999_999, "England, Wales and the Isle of Man"),
    (8_000_000_000, 8_599_999_999, "Republic of Ireland"),
    # 900 000 0000 – 998 999 9999 are said not to be issued, but only the 999 range is guaranteed
    # never to be: these are accepted unless the Clinical Safety Officer agrees to reject them.
    (9_000_000_000, 9_989_999_999, "9xx (not expected to be issued)"),
)
SYNTHETIC_RANGE = (9_990_000_000, 9_999_999_999)


class Problem(Enum):
    WRONG_LENGTH = "wrong_length"
    NOT_DIGITS = "not_digits"
    CHECK_DIGIT = "check_digit"
    NOT_ISSUED = "not_issued"


def normalise(raw: str) -> str:
    """Remove the spaces and hyphens people paste with a number."""
    return "".join(ch for ch in raw if ch not in " -\u00a0\t")


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None where no valid number has that prefix."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_synthetic(number: str) -> bool:
    return number.isdigit() and len(number) == 10 and SYNTHETIC_RANGE[0] <= int(number) <= SYNTHETIC_RANGE[1]


def problem_with(raw: str, *, accept_synthetic: bool) -> Problem | None:
    """What is wrong with this NHS number, or None if it is valid."""
    number = normalise(raw)
    if not number.isascii() or not number.isdigit():
        return Problem.NOT_DIGITS
    if len(number) != 10:
        return Problem.WRONG_LENGTH
    if check_digit(number[:9]) != int(number[9]):
        return Problem.CHECK_DIGIT
    value = int(number)
    if accept_synthetic and is_synthetic(number):
        return None
    if not any(first <= value <= last for first, last, _ in ISSUED_RANGES):
        return Problem.NOT_ISSUED
    return None


def is_valid(raw: str, *, accept_synthetic: bool = False) -> bool:
    return problem_with(raw, accept_synthetic=accept_synthetic) is None


def formatted(number: str) -> str:
    """3-3-4 display: 943 476 5919."""
    if len(number) != 10:
        return number
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def synthetic_numbers(start: int = 0) -> Iterator[str]:
    """Valid numbers from the never-issued 999 range, in order, for demo and test data."""
    prefix = start
    while prefix < 10_000_000:
        first_nine = f"999{prefix:06d}"
        digit = check_digit(first_nine)
        if digit is not None:
            yield first_nine + str(digit)
        prefix += 1
