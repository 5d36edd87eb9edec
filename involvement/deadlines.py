"""Complaint deadlines, in working days (`core.working_days`: bank holidays are not counted)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings

from core.working_days import add_working_days


def complaint_deadlines(*, received_on: date, about_personal_information: bool) -> tuple[date, date]:
    """(acknowledge by, respond by) for a complaint received on this day."""
    if about_personal_information:
        acknowledge_by = received_on + timedelta(days=settings.STAR_DATA_PROTECTION_COMPLAINT_ACKNOWLEDGE_DAYS)
    else:
        acknowledge_by = add_working_days(received_on, settings.STAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS)
    respond_by = add_working_days(received_on, settings.STAR_COMPLAINT_RESPOND_WORKING_DAYS)
    return acknowledge_by, max(acknowledge_by, respond_by)
