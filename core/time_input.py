"""A time of day typed as hours and minutes ("14:30", "9.05"), in a form or in an imported file."""

from __future__ import annotations

import datetime
import re

from django import forms

# Seconds are allowed (and dropped) because spreadsheets write times as 14:30:00.
TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?$")


def time_of_day(raw: str) -> datetime.time | None:
    """14:30, 9.05 or 14:30:00 as a time; None when it is not a time of day."""
    match = TIME_PATTERN.match(raw.strip())
    if not match:
        return None
    hours, minutes = (int(part) for part in match.groups())
    if hours > 23 or minutes > 59:
        return None
    return datetime.time(hours, minutes)


def parse_time(raw: str, message: str) -> datetime.time:
    """The time typed, or a ValidationError carrying `message` (which says what to type)."""
    moment = time_of_day(raw)
    if moment is None:
        raise forms.ValidationError(message)
    return moment
