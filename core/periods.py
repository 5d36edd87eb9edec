"""Reporting periods: a month, a financial quarter or year (April to March), or custom dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Q

KINDS = {"month": "Month", "quarter": "Quarter (financial)", "year": "Financial year (April to March)", "custom": "Custom dates"}
# Restricted viewers (commissioners) get calendar periods only: two custom periods a day apart
# would give away one day's figures by subtraction (docs/adr/0009-disclosure-control.md).
CALENDAR_KINDS = ("month", "quarter", "year")
# The last 12 months to a day, today included (the cohort outcomes page's default): stored by the
# figures store like a calendar period, a new one each day.
TWELVE_MONTHS = "12months"
RESTRICTED_PERIODS = "Choose a month, a quarter or a financial year: custom dates are not available for figures with small numbers hidden"


class PeriodError(ValueError):
    """A period that cannot be reported on, with a message that says what to do."""


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError("The end date must be on or after the start date")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%B %Y}"
        if self.kind == "quarter":
            year = self.start.year if self.start.month >= 4 else self.start.year - 1
            return f"Q{(self.start.month - 4) % 12 // 3 + 1} {year}/{(year + 1) % 100:02d}"
        if self.kind == "year":
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"

    def previous(self) -> Period:
        if self.kind == "month":
            return month_of(self.start - relativedelta(months=1))
        if self.kind == "quarter":
            return quarter_of(self.start - relativedelta(months=3))
        if self.kind == "year":
            return year_of(self.start - relativedelta(years=1))
        return Period("custom", self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def last_year(self) -> Period:
        return Period(self.kind, self.start - relativedelta(years=1), self.end - relativedelta(years=1))

    def contains(self, field: str) -> Q:
        """A filter for rows whose date `field` falls in the period, ends included."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def query(self) -> dict[str, str]:
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat()}


def month_of(day: date) -> Period:
    start = day.replace(day=1)
    return Period("month", start, start + relativedelta(months=1) - timedelta(days=1))


def quarter_of(day: date) -> Period:
    """Financial quarters: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March."""
    first_month = day.month - (day.month - 4) % 3
    start = date(day.year, first_month, 1) if first_month <= day.month else date(day.year - 1, first_month, 1)
    return Period("quarter", start, start + relativedelta(months=3) - timedelta(days=1))


def year_of(day: date) -> Period:
    start = date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    return Period("year", start, date(start.year + 1, 3, 31))


def _date(text: str | None, name: str) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise PeriodError(f"Enter the {name} as a date, for example 2026-04-01") from None


def period_from(params: dict[str, str], *, today: date, restricted: bool = False) -> Period:
    """The period asked for in the page's query string; the current quarter when nothing is asked.
    A restricted viewer may not ask for custom dates."""
    kind = params.get("kind") or "quarter"
    if kind not in KINDS:
        raise PeriodError("Choose a month, quarter, financial year or custom dates")
    if restricted and kind not in CALENDAR_KINDS:
        raise PeriodError(RESTRICTED_PERIODS)
    if kind == "custom":
        return Period("custom", _date(params.get("start"), "start date"), _date(params.get("end"), "end date"))
    day = _date(params.get("start"), "start date") if params.get("start") else today
    return {"month": month_of, "quarter": quarter_of, "year": year_of}[kind](day)
