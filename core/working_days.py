"""Working days: Monday to Friday, not counting the bank holidays in England and Wales
(`core.bank_holidays`). Deadlines given in working days (a reply to a self-referral, a
complaint's acknowledgement and response) are all counted here."""

from __future__ import annotations

from datetime import date, timedelta

from core.bank_holidays import is_bank_holiday


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (a start on a weekend or bank holiday counts
    from the next working day). Zero days is `start` itself."""
    day = start
    added = 0
    while added < days:
        day += timedelta(days=1)
        if is_working_day(day):
            added += 1
    return day
