"""Complaint deadlines: working days are Monday to Friday (bank holidays are not yet counted)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (a weekend start counts from the Monday)."""
    day = start
    added = 0
    while added < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            added += 1
    return day


def complaint_deadlines(*, received_on: date, about_personal_information: bool) -> tuple[date, date]:
    """(acknowledge by, respond by) for a complaint received on this day."""
    if about_personal_information:
        acknowledge_by = received_on + timedelta(days=settings.STAR_DATA_PROTECTION_COMPLAINT_ACKNOWLEDGE_DAYS)
    else:
        acknowledge_by = add_working_days(received_on, settings.STAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS)
    respond_by = add_working_days(received_on, settings.STAR_COMPLAINT_RESPOND_WORKING_DAYS)
    return acknowledge_by, max(acknowledge_by, respond_by)
