from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.periods import Period, PeriodError, month_of, period_from, quarter_of, year_of


def test_financial_quarters_and_years() -> None:
    assert quarter_of(date(2026, 2, 10)) == Period("quarter", date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_of(date(2026, 2, 10)).label == "Q4 2025/26"
    assert quarter_of(date(2025, 10, 1)).label == "Q3 2025/26"
    assert year_of(date(2026, 3, 31)) == Period("year", date(2025, 4, 1), date(2026, 3, 31))
    assert month_of(date(2024, 2, 10)).end == date(2024, 2, 29)


def test_previous_and_last_year() -> None:
    q3 = quarter_of(date(2025, 11, 1))
    assert q3.previous() == quarter_of(date(2025, 8, 1))
    assert q3.last_year() == quarter_of(date(2024, 11, 1))
    custom = Period("custom", date(2025, 1, 11), date(2025, 1, 20))
    assert custom.previous() == Period("custom", date(2025, 1, 1), date(2025, 1, 10))


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(PeriodError, match="end date must be on or after the start date"):
        period_from({"kind": "custom", "start": "2025-05-01", "end": "2025-04-01"}, today=date(2025, 6, 1))
    with pytest.raises(PeriodError, match="Enter the end date"):
        period_from({"kind": "custom", "start": "2025-05-01", "end": "soon"}, today=date(2025, 6, 1))


def test_a_ten_year_custom_period_works() -> None:
    period = period_from({"kind": "custom", "start": "2016-01-01", "end": "2025-12-31"}, today=date(2026, 1, 1))
    assert period.days == 3653


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_every_day_is_in_its_quarter_and_quarters_tile(day: date) -> None:
    quarter = quarter_of(day)
    assert quarter.start <= day <= quarter.end
    assert quarter.start.month in (1, 4, 7, 10)
    assert (quarter.previous().end - quarter.start).days == -1
