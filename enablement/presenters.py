"""Display values for episodes and the caseload, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from enablement.models import Episode


def hours_and_minutes(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} minutes"
    hour_text = "1 hour" if hours == 1 else f"{hours} hours"
    return f"{hour_text} {rest} minutes" if rest else hour_text


def weeks_used_text(days_used: timedelta | None, planned_weeks: int | None) -> str:
    if days_used is None or not planned_weeks:
        return "No open episode"
    weeks = max(days_used.days, 0) // 7
    return f"{weeks} of {planned_weeks} weeks"


@dataclass(frozen=True)
class CaseloadRow:
    """One person on the worker's caseload, from `enablement.access.caseload_overview`."""

    person: Any

    @property
    def weeks_used(self) -> str:
        return weeks_used_text(self.person.days_used, self.person.episode_planned_weeks)

    @property
    def next_review_on(self) -> date | None:
        on: date | None = self.person.next_review_on
        return on

    @property
    def last_contact_on(self) -> date | None:
        on: date | None = self.person.last_contact_on
        return on

    @property
    def flags(self) -> list[str]:
        p = self.person
        flags = []
        if p.review_overdue:
            flags.append("Review overdue")
        if p.past_planned_end:
            flags.append("Past planned end")
        if p.contact_overdue:
            flags.append("No recent contact")
        return flags


@dataclass(frozen=True)
class EpisodePresenter:
    episode: Episode
    today: date

    @property
    def weeks_used(self) -> str:
        end = self.episode.ended_on or self.today
        return weeks_used_text(end - self.episode.started_on, self.episode.planned_weeks)

    @property
    def next_review(self) -> str:
        due = self.episode.next_review_on
        if not self.episode.is_open or due is None:
            return "None due"
        text = f"{due.day} {due:%B %Y}"
        return f"{text} (overdue)" if due < self.today else text

    @property
    def review_overdue(self) -> bool:
        due = self.episode.next_review_on
        return bool(self.episode.is_open and due and due < self.today)
