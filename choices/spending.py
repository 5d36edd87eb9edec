"""Is spending running ahead of the plan? The agreed amount is spread evenly over the days of the
budget's period; by today, the expected spend is that amount times the days gone (today counted)
over the days in the period. Spending more than that is "ahead of the plan". Pure arithmetic in
whole pence, so it is tested with fixed dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.money import pounds


@dataclass(frozen=True)
class Pace:
    amount_pence: int
    spent_pence: int
    expected_pence: int
    days_gone: int
    days_in_period: int

    @property
    def ahead(self) -> bool:
        return self.spent_pence > self.expected_pence

    @property
    def ahead_by_pence(self) -> int:
        return max(self.spent_pence - self.expected_pence, 0)

    @property
    def summary(self) -> str:
        text = f"{pounds(self.spent_pence)} spent of {pounds(self.amount_pence)}; about {pounds(self.expected_pence)} expected by now"
        if self.ahead:
            return f"Spending is {pounds(self.ahead_by_pence)} ahead of the plan: {text}"
        return f"Spending is on track: {text}"


def expected_by(*, amount_pence: int, starts_on: date, ends_on: date, today: date) -> tuple[int, int, int]:
    """(expected pence, days gone, days in the period). Before the start nothing is expected; after
    the end, everything."""
    days_in_period = (ends_on - starts_on).days + 1
    days_gone = min(max((today - starts_on).days + 1, 0), days_in_period)
    return amount_pence * days_gone // days_in_period, days_gone, days_in_period


def pace(*, amount_pence: int | None, starts_on: date | None, ends_on: date | None, spent_pence: int, today: date) -> Pace | None:
    """None until there is an agreed amount and a period to spread it over."""
    if amount_pence is None or starts_on is None or ends_on is None or ends_on < starts_on:
        return None
    expected, gone, days = expected_by(amount_pence=amount_pence, starts_on=starts_on, ends_on=ends_on, today=today)
    return Pace(amount_pence=amount_pence, spent_pence=spent_pence, expected_pence=expected, days_gone=gone, days_in_period=days)
