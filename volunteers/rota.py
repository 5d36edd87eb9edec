"""The rota: who may take a slot (stage, DBS, training, clashes), taking one, the projects a
volunteer is rostered for, and the reminder the day before."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import Action
from community.models import Project, SessionRoster
from community.models.sessions import RosterRole
from notifications.models import Status as MessageStatus
from notifications.services import send
from volunteers.models import (
    DBSCheck,
    RotaSlot,
    Stage,
    TrainingCompletion,
    TrainingModule,
    Volunteer,
)
from volunteers.models.volunteer import VolunteerError

if TYPE_CHECKING:
    from accounts.models import User


from volunteers.auditing import audit_volunteer


def required_modules(role: str) -> list[TrainingModule]:
    """The modules a slot role needs. The catalogue is a short list, read in one query."""
    return [module for module in TrainingModule.objects.filter(retired_at__isnull=True) if role in module.required_for]


def missing_training(volunteer: Volunteer, role: str, on: date) -> list[TrainingModule]:
    needed = required_modules(role)
    if not needed:
        return []
    done = set(
        TrainingCompletion.objects.filter(volunteer=volunteer, module__in=needed, completed_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .values_list("module_id", flat=True)
    )
    return [module for module in needed if module.pk not in done]


def has_valid_dbs(volunteer: Volunteer, on: date) -> bool:
    return DBSCheck.objects.filter(volunteer=volunteer, issued_on__lte=on, renewal_due_on__gte=on).exists()


def rostering_problems(*, volunteer: Volunteer, slot: RotaSlot) -> list[str]:
    """Why this volunteer cannot take this slot, in words they can act on. Empty if they can."""
    session = slot.session
    on = timezone.localtime(session.starts_at).date()
    problems: list[str] = []
    if volunteer.stage == Stage.STEPPED_BACK:
        problems.append(f"{volunteer.given_name} has stepped back for a break, so cannot be put on the rota")
    elif volunteer.stage != Stage.ACTIVE:
        problems.append(f"{volunteer.given_name} is not an active volunteer yet")
    if slot.needs_dbs and not has_valid_dbs(volunteer, on):
        problems.append("This slot needs a DBS check that is in date on the day. Ask the volunteer manager to record a new check")
    missing = missing_training(volunteer, slot.role, on)
    if missing:
        names = ", ".join(module.name for module in missing)
        problems.append(f"This slot needs training that is not done or has run out: {names}")
    clash = (
        RotaSlot.objects.filter(volunteer=volunteer, session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at)
        .exclude(pk=slot.pk)
        .select_related("session__activity")
        .first()
    )
    if clash is not None:
        starts = timezone.localtime(clash.session.starts_at)
        problems.append(f"This clashes with another slot you hold: {clash.session.activity.name} at {starts:%H:%M} on {starts:%d %B}")
    return problems


@transaction.atomic
def take_slot(*, slot: RotaSlot, volunteer: Volunteer, by: User) -> RotaSlot:
    """Put a volunteer on a slot, and on the session's roster so they can take its register."""
    slot = RotaSlot.objects.select_for_update().select_related("session__activity").get(pk=slot.pk)
    if slot.volunteer_id == volunteer.pk:
        return slot  # a second tap changes nothing
    if slot.volunteer_id is not None:
        raise VolunteerError("Someone else has just taken this slot. Choose another")
    problems = rostering_problems(volunteer=volunteer, slot=slot)
    if problems:
        raise VolunteerError(". ".join(problems))
    if volunteer.user_id is None:
        raise VolunteerError("This volunteer has no account yet, so cannot take a register")
    roster, _ = SessionRoster.objects.get_or_create(
        session=slot.session,
        user_id=volunteer.user_id,
        defaults={"role": RosterRole.LEAD if slot.role == "lead" else RosterRole.VOLUNTEER, "added_by": by},
    )
    slot.volunteer = volunteer
    slot.roster = roster
    slot.filled_by = by
    slot.filled_at = timezone.now()
    try:
        with transaction.atomic():
            slot.save(update_fields=["volunteer", "roster", "filled_by", "filled_at"])
    except IntegrityError as error:
        raise VolunteerError("You already hold a slot on this session") from error
    audit_volunteer(by=by, action=Action.UPDATE, volunteer=volunteer, obj=slot, detail={"rota": "took slot"})
    return slot


def projects_for_edit(volunteer: Volunteer) -> dict[str, object]:
    """The volunteer's projects as saved now, with the volunteer's row locked until the end of the
    transaction (the projects form checks them for someone else's change: `submissions.conflicts`)."""
    Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
    return {"projects": list(volunteer.projects.all())}


def set_projects(*, volunteer: Volunteer, projects: list[Project], by: User) -> None:
    """The projects whose rota the volunteer sees and can be put on."""
    with transaction.atomic():
        volunteer.projects.set(projects)
        audit_volunteer(
            by=by,
            action=Action.UPDATE,
            volunteer=volunteer,
            detail={"projects": [str(project.pk) for project in projects]},
        )


def create_slot(*, session_id: int, role: str, needs_dbs: bool, by: User) -> RotaSlot:
    return RotaSlot.objects.create(session_id=session_id, role=role, needs_dbs=needs_dbs)


def send_shift_reminders(*, now: datetime | None = None) -> int:
    """Remind each volunteer of tomorrow's slots, once per slot (safe to run again): by the way
    they chose if they have a person record, otherwise by email to them or their account."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    slots = RotaSlot.objects.filter(
        volunteer__isnull=False,
        reminded_at__isnull=True,
        session__starts_at__date=tomorrow,
        session__cancelled_at__isnull=True,
    ).select_related("volunteer__user", "volunteer__person", "session__activity__venue")
    sent = 0
    for slot in slots:
        volunteer = slot.volunteer
        assert volunteer is not None
        address = volunteer.email or (volunteer.user.email if volunteer.user else "")
        claimed = RotaSlot.objects.filter(pk=slot.pk, reminded_at__isnull=True).update(reminded_at=now)
        if not claimed or not (address or volunteer.person):
            continue
        starts = timezone.localtime(slot.session.starts_at)
        to: dict[str, Any] = {"to_person": volunteer.person} if volunteer.person else {"to_email": address}
        message = send(
            by=None,
            **to,
            template="shift_reminder",
            personalisation={
                "name": volunteer.given_name,
                "date": f"{starts:%A %d %B}",
                "activity": slot.session.activity.name,
                "venue": slot.session.activity.venue.name,
                "time": f"{starts:%H:%M}",
                "role": slot.get_role_display(),
            },
            reason="Reminder of tomorrow's volunteering",
            reference=f"shift-reminder:{slot.pk}",
        )
        sent += message.status != MessageStatus.NOT_SENT
    return sent
