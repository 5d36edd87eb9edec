"""What the volunteering pages show, worked out here so templates stay dumb."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from volunteers.models import DBSCheck, RotaSlot, SlotRole, Supervision, TrainingCompletion, TrainingModule, Volunteer, VolunteerRole


def when(slot: RotaSlot) -> str:
    starts = timezone.localtime(slot.session.starts_at)
    ends = timezone.localtime(slot.session.ends_at)
    return f"{starts:%A} {starts.day} {starts:%B}, {starts:%H:%M} to {ends:%H:%M}"


@dataclass(frozen=True)
class SlotLine:
    id: int
    when: str
    activity: str
    venue: str
    role: str
    needs_dbs: bool
    volunteer_name: str
    has_hours: bool
    has_started: bool


def slot_line(slot: RotaSlot, *, with_hours: bool = False) -> SlotLine:
    volunteer = slot.volunteer
    return SlotLine(
        id=slot.pk,
        when=when(slot),
        activity=slot.session.activity.name,
        venue=slot.session.activity.venue.name,
        role=SlotRole(slot.role).label,
        needs_dbs=slot.needs_dbs,
        volunteer_name=volunteer.name if volunteer else "",
        has_hours=with_hours and hasattr(slot, "hours"),
        has_started=slot.session.starts_at <= timezone.now(),
    )


@dataclass(frozen=True)
class TrainingLine:
    name: str
    completed_on: date | None
    expires_on: date | None
    status: str


def dbs_status(checks: list[DBSCheck], today: date) -> str:
    current = [check for check in checks if check.is_valid_on(today)]
    if not current:
        return "No DBS check in date" if checks else "No DBS check recorded"
    best = max(current, key=lambda check: check.renewal_due_on)
    soon = today + timedelta(days=settings.STAR_DBS_WARNING_DAYS)
    prefix = "Renewal due soon" if best.renewal_due_on <= soon else "In date"
    return f"{prefix}: {best.get_level_display().lower()} check, renewal due {best.renewal_due_on:%d %B %Y}"


def training_lines(
    volunteer: Volunteer, modules: list[TrainingModule], completions: list[TrainingCompletion], today: date
) -> list[TrainingLine]:
    """Each module the volunteer's roles need or they have done, with what is next."""
    latest: dict[int, TrainingCompletion] = {}
    for completion in completions:  # newest first
        latest.setdefault(completion.module_id, completion)
    wanted = set(volunteer.roles_of_interest) or {VolunteerRole.WELCOME}
    lines = []
    for module in modules:
        done = latest.get(module.pk)
        needed = not module.is_retired and bool(wanted & set(module.required_for))
        if done is None and not needed:
            continue
        if done is None:
            status = "To do next"
        elif done.expires_on is not None and done.expires_on < today:
            status = "Run out: do it again"
        elif done.expires_on is not None and done.expires_on <= today + timedelta(days=60):
            status = "Runs out soon"
        else:
            status = "Done"
        if module.is_retired:
            status = "No longer needed"
        lines.append(
            TrainingLine(
                name=module.name,
                completed_on=done.completed_on if done else None,
                expires_on=done.expires_on if done else None,
                status=status,
            )
        )
    return lines


def hours_text(minutes: int | None) -> str:
    minutes = minutes or 0
    return f"{minutes // 60}h {minutes % 60:02d}m"


@dataclass(frozen=True)
class SupervisionLine:
    held_on: date
    supervisor: str
    actions: str


def supervision_lines(supervisions: Iterable[Supervision]) -> list[SupervisionLine]:
    """For the volunteer's own page: the supervisor by first name only."""
    return [
        SupervisionLine(
            held_on=supervision.held_on,
            supervisor=supervision.supervisor.first_name or "Your supervisor",
            actions=supervision.actions or "No actions",
        )
        for supervision in supervisions
    ]
