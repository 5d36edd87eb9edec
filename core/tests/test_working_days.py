"""Working days count neither weekends nor bank holidays in England and Wales."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.bank_holidays import is_bank_holiday
from core.working_days import add_working_days, is_working_day

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Thursday 24 December 2026: Friday 25th is Christmas Day, the weekend, Monday 28th is
        # the substitute Boxing Day; the first working day is Tuesday 29th.
        (D(2026, 12, 24), 1, D(2026, 12, 29)),
        # 3 working days from it: 29th, 30th, 31st (New Year's Day, Friday 1 January, is skipped).
        (D(2026, 12, 24), 3, D(2026, 12, 31)),
        (D(2026, 12, 24), 4, D(2027, 1, 4)),
        # Christmas 2027 falls at a weekend: Monday 27th and Tuesday 28th are substitute days,
        # and Monday 3 January 2028 is New Year's substitute day.
        (D(2027, 12, 24), 1, D(2027, 12, 29)),
        (D(2027, 12, 24), 4, D(2028, 1, 4)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (D(2026, 4, 2), 1, D(2026, 4, 7)),
        (D(2026, 4, 1), 3, D(2026, 4, 8)),
        # Easter 2027 (Good Friday 26 March, Easter Monday 29 March), counted from the Saturday.
        (D(2027, 3, 27), 1, D(2027, 3, 30)),
        # An ordinary fortnight: 10 working days from Monday 8 June 2026 is Monday 22 June.
        (D(2026, 6, 8), 10, D(2026, 6, 22)),
        # 20 working days from Wednesday 2 December 2026 (a complaint's response): 16 to
        # Thursday 24th, then 29th, 30th, 31st and Monday 4 January 2027 (25th, 28th and 1st skipped).
        (D(2026, 12, 2), 20, D(2027, 1, 4)),
        (D(2026, 6, 8), 0, D(2026, 6, 8)),
    ],
)
def test_hand_worked_dates(start: datetime.date, days: int, expected: datetime.date) -> None:
    assert add_working_days(start, days) == expected


def test_bank_holidays_and_weekends_are_not_working_days() -> None:
    assert not is_working_day(D(2026, 12, 25))  # Christmas Day, a Friday
    assert not is_working_day(D(2026, 12, 28))  # substitute Boxing Day, a Monday
    assert not is_working_day(D(2026, 12, 26))  # a Saturday
    assert is_working_day(D(2026, 12, 29))


@given(start=st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 1, 1)), days=st.integers(0, 60))
def test_the_right_number_of_working_days_on(start: datetime.date, days: int) -> None:
    end = add_working_days(start, days)
    between = [start + datetime.timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert sum(day.weekday() < 5 and not is_bank_holiday(day) for day in between) == days
    if days:
        assert end.weekday() < 5
        assert not is_bank_holiday(end)
