"""Display values for community pages, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from community.models import Activity, Session
from community.models.activities import format_time


def when(starts_at: datetime, ends_at: datetime) -> str:
    """ "Tuesday 3 March 2026, 10am to 12pm" in local time."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    return f"{start:%A} {start.day} {start:%B %Y}, {format_time(start.time())} to {format_time(end.time())}"


@dataclass(frozen=True)
class SessionPresenter:
    session: Session

    @property
    def when(self) -> str:
        return when(self.session.starts_at, self.session.ends_at)

    @property
    def status(self) -> str:
        if self.session.is_cancelled:
            return f"Cancelled: {self.session.cancellation_reason}"
        if self.session.ends_at < timezone.now():
            return "Finished"
        return "On"


@dataclass(frozen=True)
class ActivityPresenter:
    activity: Activity

    @property
    def kind_text(self) -> str:
        activity = self.activity
        if activity.is_course:
            return f"Course: {activity.capacity} places"
        return activity.get_kind_display()

    @property
    def dates(self) -> str:
        activity = self.activity
        if activity.starts_on and activity.ends_on:
            return f"From {activity.starts_on.day} {activity.starts_on:%B %Y} to {activity.ends_on.day} {activity.ends_on:%B %Y}"
        return ""
