"""What community registers with notifications: reminders the day before a session of a course a
person has a place on, and each project's members as a group its lead can write to."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from community.access import projects_run_by
from community.models import Enrolment, Project, Session
from community.models.enrolment import EnrolmentStatus
from notifications.audiences import Audience, AudienceSource
from notifications.models import Status
from notifications.services import send
from people.models import Person


def send_session_reminders(now: datetime) -> int:
    """Each person with a place on a course is reminded of its session tomorrow, if they asked
    for reminders (the template needs that consent); once per session and person."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    sessions = Session.objects.filter(starts_at__date=tomorrow, cancelled_at__isnull=True, activity__is_course=True).select_related(
        "activity__venue"
    )
    sent = 0
    for session in sessions:
        starts = timezone.localtime(session.starts_at)
        places = Enrolment.objects.filter(activity=session.activity, status=EnrolmentStatus.ENROLLED).select_related("person")
        for enrolment in places:
            message = send(
                by=None,
                to_person=enrolment.person,
                template="session_reminder",
                personalisation={
                    "activity": session.activity.name,
                    "venue": session.activity.venue.name,
                    "date": f"{starts:%A %-d %B}",
                    "time": f"{starts:%H:%M}",
                },
                reason=f"Reminder of {session.activity.name} tomorrow",
                reference=f"session-reminder:{session.pk}:{enrolment.person_id}",
            )
            sent += message.status != Status.NOT_SENT
    return sent


def _member_groups(user: User) -> list[Audience]:
    return [
        Audience(f"members:{project.pk}", f"Members of {project.name}", project.name)
        for project in projects_run_by(user).filter(is_active=True).order_by("name")
    ]


def _members(user: User, project_id: str) -> list[Person]:
    project = projects_run_by(user).filter(pk=project_id).first()
    if not isinstance(project, Project):
        return []
    return list(Person.objects.filter(project_memberships__project=project).distinct().order_by("family_name", "given_name"))


AUDIENCES = (AudienceSource("members", _member_groups, _members),)
