"""What volunteers registers with notifications: shift reminders, and each project's volunteers
as a group its lead can write to (volunteers with a person record, whose consents say how)."""

from __future__ import annotations

from datetime import datetime

from accounts.models import User
from community.access import projects_run_by
from notifications.audiences import Audience, AudienceSource
from people.models import Person
from volunteers.models.volunteer import Stage
from volunteers.rota import send_shift_reminders

WORKING = (Stage.APPROVED, Stage.ACTIVE)


def shift_reminders(now: datetime) -> int:
    return send_shift_reminders(now=now)


def _volunteer_groups(user: User) -> list[Audience]:
    return [
        Audience(f"volunteers:{project.pk}", f"Volunteers at {project.name}", project.name)
        for project in projects_run_by(user).filter(is_active=True).order_by("name")
    ]


def _volunteers(user: User, project_id: str) -> list[Person]:
    project = projects_run_by(user).filter(pk=project_id).first()
    if project is None:
        return []
    return list(
        Person.objects.filter(volunteer__projects=project, volunteer__stage__in=WORKING).distinct().order_by("family_name", "given_name")
    )


AUDIENCES = (AudienceSource("volunteers", _volunteer_groups, _volunteers),)
