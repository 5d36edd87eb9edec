"""Reminders the day before: each domain app registers a function that sends its own (through
`notifications.services.send`, with a reference so each goes once), and one scheduled job,
`manage.py send_reminders`, runs them all. Appointments register theirs the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

# (now) -> how many messages were handed over
ReminderFunction = Callable[[datetime], int]

_REMINDERS: dict[str, ReminderFunction] = {}


def register_reminders(name: str, function: ReminderFunction) -> None:
    _REMINDERS[name] = function


def registered() -> list[str]:
    return list(_REMINDERS)


def send_reminders(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {name: function(now) for name, function in _REMINDERS.items()}
