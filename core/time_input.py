"""A time of day typed as hours and minutes ("14:30", "9.05"), for forms that ask for one."""

from __future__ import annotations

import datetime
import re

from django import forms

TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})\s*$")


def parse_time(raw: str, message: str) -> datetime.time:
    """The time typed, or a ValidationError carrying `message` (which says what to type)."""
    match = TIME_PATTERN.match(raw.strip())
    if not match:
        raise forms.ValidationError(message)
    hours, minutes = (int(part) for part in match.groups())
    if hours > 23 or minutes > 59:
        raise forms.ValidationError(message)
    return datetime.time(hours, minutes)
