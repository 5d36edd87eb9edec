"""The gates for community projects.

Projects, venues, activities and sessions are not personal, but who runs them is scoped: a
manager reaches every project of their service (docs/teams.md), a project lead only the projects they lead (ProjectLead), and a
volunteer only the sessions they are rostered on. Person-linked data (regulars, attendance,
enrolments) is reached only through the functions here, which audit every read.

The register gate is deliberately narrow: someone taking a register sees first names and the
alerts that matter in the room (communication and access needs), never the full record.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from accounts.teams import in_teams_of_service
from audit.services import Action, record_event, record_events_for_people
from community.models import Activity, Attendance, Enrolment, Project, ProjectMembership, Session, SessionRoster
from people.access import people_visible_to
from people.models import Alert, Person
from people.summary import SummaryItem, register_items

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser

# Alerts a volunteer needs to know in the room. Risk and safeguarding detail stays with staff.
REGISTER_ALERT_CATEGORIES = (Alert.Category.COMMUNICATION, Alert.Category.ACCESS)
REGISTER_LIMIT = 40


def projects_run_by(user: Viewer) -> QuerySet[Project]:
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    if can(user, Capability.MANAGE_PROJECTS):
        return Project.objects.filter(in_teams_of_service(user))
    if can(user, Capability.LEAD_OWN_PROJECTS):
        return Project.objects.filter(leads__user=user)
    return Project.objects.none()


def get_project_for(request: HttpRequest, project_id: uuid.UUID) -> Project:
    project = projects_run_by(request.user).select_related("supporting_worker").filter(pk=project_id).first()
    if project is None:
        raise Http404
    return project


def projects_with_figures_for(user: Viewer) -> QuerySet[Project]:
    """Figures are counts, not people: commissioners see every project's, leads their own."""
    if can(user, Capability.SEE_EVERY_PROJECTS_FIGURES):
        return Project.objects.all()
    return projects_run_by(user)


def activities_run_by(user: Viewer) -> QuerySet[Activity]:
    return Activity.objects.filter(project__in=projects_run_by(user))


def get_activity_for(request: HttpRequest, activity_id: uuid.UUID) -> Activity:
    activity = activities_run_by(request.user).select_related("project", "venue").filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    return activity


def get_run_session_for(request: HttpRequest, session_id: int) -> Session:
    """A session of a project the user runs (to cancel it or change its rota)."""
    session = (
        Session.objects.filter(activity__in=activities_run_by(request.user), pk=session_id).select_related("activity__project").first()
    )
    if session is None:
        raise Http404
    return session


def register_sessions_for(user: Viewer) -> QuerySet[Session]:
    """The sessions whose register this user may take: those they are rostered on, and every
    session of a project they run."""
    if not user.is_authenticated or not user.is_active:
        return Session.objects.none()
    if can(user, Capability.MANAGE_PROJECTS):
        return Session.objects.filter(in_teams_of_service(user, "activity__project__team"))
    if not can(user, Capability.TAKE_REGISTER):
        return Session.objects.none()
    # Subqueries from the user's roster and projects, not joins to every roster and lead row made
    # distinct afterwards (which read every session's activity to find a lead's few).
    rostered = SessionRoster.objects.filter(user=user).values("session_id")
    led = Activity.objects.filter(project__leads__user=user).values("pk")
    return Session.objects.filter(Q(pk__in=rostered) | Q(activity_id__in=led))


def get_register_session_for(request: HttpRequest, session_id: int) -> Session:
    session = (
        Session.objects.filter(pk=session_id, pk__in=register_sessions_for(request.user).values("pk"))
        .select_related("activity__project", "activity__venue")
        .first()
    )
    if session is None:
        raise Http404
    return session


@dataclass(frozen=True)
class RegisterLine:
    """One regular on the register: only what the room needs."""

    person_id: uuid.UUID
    first_name: str
    initial: str
    present: bool
    alerts: list[str] = field(default_factory=list)
    # The person summary cut down for the register (people.summary.register_items).
    what_to_know: list[SummaryItem] = field(default_factory=list)


def _regulars(project: Project) -> QuerySet[Person]:
    return Person.objects.filter(project_memberships__project=project)


def register_lines(request: HttpRequest, session: Session, *, search: str = "") -> list[RegisterLine]:
    """The register: people marked present, then regulars whose first name matches the search
    (or every regular, up to a limit). A fixed number of queries whatever the project's size,
    and each person shown is written to the audit trail in one insert."""
    present = Attendance.objects.filter(session=session, person=OuterRef("pk"))
    people = _regulars(session.activity.project).annotate(present=Exists(present))
    words = search.split()
    if words:
        people = people.filter(Q(present=True) | Q(given_name__istartswith=words[0]) | Q(preferred_name__istartswith=words[0]))
    alerts = Prefetch(
        "alerts",
        queryset=Alert.objects.active().filter(category__in=REGISTER_ALERT_CATEGORIES).only("id", "person_id", "category", "summary"),
        to_attr="register_alerts",
    )
    chosen = list(
        people.order_by("-present", "given_name", "family_name")
        .only("id", "given_name", "preferred_name", "family_name", "first_language", "interpreter_needed")
        .prefetch_related(alerts)[:REGISTER_LIMIT]
    )
    # A last initial only where two people share a first name, to tell them apart.
    names = Counter(person.known_as.lower() for person in chosen)
    lines = [
        RegisterLine(
            person_id=person.pk,
            first_name=person.known_as,
            initial=f"{person.family_name[:1]}." if person.family_name and names[person.known_as.lower()] > 1 else "",
            present=bool(person.present),
            alerts=[alert.summary for alert in person.register_alerts],
            what_to_know=register_items(person, person.register_alerts),
        )
        for person in chosen
    ]
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[line.person_id for line in lines],
        detail={"register": session.pk},
    )
    return lines


def marked_here(request: HttpRequest, session: Session) -> list[RegisterLine]:
    """The regulars marked here at this session, named as on the register (first name, and an
    initial where two share it), for something recorded about them in the room; each is audited."""
    chosen = list(
        _regulars(session.activity.project)
        .filter(community_attendances__session=session)
        .only("id", "given_name", "preferred_name", "family_name")
        .order_by("given_name", "family_name")[:REGISTER_LIMIT]
    )
    names = Counter(person.known_as.lower() for person in chosen)
    lines = [
        RegisterLine(
            person_id=person.pk,
            first_name=person.known_as,
            initial=f"{person.family_name[:1]}." if person.family_name and names[person.known_as.lower()] > 1 else "",
            present=True,
        )
        for person in chosen
    ]
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[line.person_id for line in lines],
        detail={"register": session.pk},
    )
    return lines


def get_regular_for_register(request: HttpRequest, session: Session, person_id: uuid.UUID) -> Person:
    """A regular of the session's project, for marking them present; anyone else is not found."""
    person = _regulars(session.activity.project).filter(pk=person_id).only("id", "given_name", "preferred_name").first()
    if person is None:
        raise Http404
    return person


def enrolments_for(request: HttpRequest, activity: Activity) -> list[Enrolment]:
    """A course's enrolments (the activity has already passed its gate), audited as one list."""
    enrolments = list(activity.enrolments.select_related("person").order_by("requested_at", "id"))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[enrolment.person_id for enrolment in enrolments],
        detail={"enrolments": str(activity.pk)},
    )
    return enrolments


def get_enrolment_for(request: HttpRequest, activity: Activity, enrolment_id: int) -> Enrolment:
    enrolment = activity.enrolments.select_related("person").filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    return enrolment


def regulars_not_enrolled(request: HttpRequest, activity: Activity) -> list[Person]:
    """The project's regulars who could be enrolled on a course: names only, audited."""
    people = list(
        _regulars(activity.project)
        .exclude(course_enrolments__activity=activity)
        .only("id", "given_name", "family_name", "preferred_name")
        .order_by("given_name", "family_name")[:200]
    )
    record_events_for_people(user=request.user, action=Action.VIEW, person_ids=[p.pk for p in people], detail={"enrol": str(activity.pk)})
    return people


def get_regular_for_enrolment(request: HttpRequest, activity: Activity, person_id: uuid.UUID) -> Person:
    person = _regulars(activity.project).filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


@dataclass(frozen=True)
class ProjectAttendance:
    project_id: uuid.UUID
    project_name: str
    sessions_attended: int
    last_attended: object


def community_attendance_for(request: HttpRequest, person_id: uuid.UUID) -> tuple[Person, list[ProjectAttendance]]:
    """For a worker: which projects someone on their caseload attends, and when they last came.
    Gated by people_visible_to, so a stranger is not found; the read is audited."""
    from django.db.models import Count, Max

    person = people_visible_to(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    rows = (
        Attendance.objects.filter(person=person)
        .values("session__activity__project_id", "session__activity__project__name")
        .annotate(sessions=Count("id"), last=Max("session__starts_at"))
        .order_by("-last")
    )
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=person, detail={"community": True})
    summary = [
        ProjectAttendance(
            project_id=row["session__activity__project_id"],
            project_name=row["session__activity__project__name"],
            sessions_attended=row["sessions"],
            last_attended=row["last"],
        )
        for row in rows
    ]
    memberships = ProjectMembership.objects.filter(person=person).select_related("project")
    seen = {item.project_id for item in summary}
    summary.extend(
        ProjectAttendance(project_id=m.project_id, project_name=m.project.name, sessions_attended=0, last_attended=None)
        for m in memberships
        if m.project_id not in seen
    )
    return person, summary
