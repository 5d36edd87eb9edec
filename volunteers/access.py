"""The gates for volunteers' records.

- service managers reach every volunteer;
- a volunteer reaches only their own record, rota slots, hours and claims;
- a member reaches only the offer to volunteer they made themselves;
- a project lead sees their own projects' rota with volunteers' names only (no other details).
Every read of a volunteer's record is written to the audit trail here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.roles import Capability, can
from accounts.teams import in_service_of
from audit.services import Action, record_event, record_events_for_people
from community.access import projects_run_by
from community.models import Project
from people.access import find_exactly_one_person, people_visible_to
from volunteers.models import ExpenseClaim, HoursEntry, RotaSlot, Volunteer

if TYPE_CHECKING:
    import uuid
    from datetime import date

    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from people.models import Person

    Viewer = User | AnonymousUser


def volunteers_visible_to(user: Viewer) -> QuerySet[Volunteer]:
    if not user.is_authenticated or not user.is_active:
        return Volunteer.objects.none()
    if can(user, Capability.MANAGE_VOLUNTEERS):
        return Volunteer.objects.filter(in_service_of(user))
    if can(user, Capability.SEE_OWN_VOLUNTEERING):
        return Volunteer.objects.filter(Q(user=user) | Q(person__user=user))
    return Volunteer.objects.none()


def identify_person_for(user: Viewer, *, nhs_number: str, family_name: str, date_of_birth: date | None) -> Person | None:
    """Exactly one person the user can already see, found from details they know; never a list."""
    person = find_exactly_one_person(nhs_number=nhs_number, family_name=family_name, date_of_birth=date_of_birth)
    if person is None or not people_visible_to(user).filter(pk=person.pk).exists():
        return None
    return person


def _audit_view(request: HttpRequest, volunteer: Volunteer) -> None:
    record_event(user=request.user, action=Action.VIEW, person_id=volunteer.person_id, obj=volunteer)


def get_volunteer_for(request: HttpRequest, volunteer_id: uuid.UUID) -> Volunteer:
    volunteer = volunteers_visible_to(request.user).select_related("person", "user").filter(pk=volunteer_id).first()
    if volunteer is None:
        raise Http404
    _audit_view(request, volunteer)
    return volunteer


def own_volunteer_record(request: HttpRequest, *, audit: bool = True) -> Volunteer | None:
    """The signed-in volunteer's (or member's) own volunteer record, if there is one."""
    user = request.user
    if not can(user, Capability.SEE_OWN_VOLUNTEERING):
        return None
    volunteer = volunteers_visible_to(user).first()
    if volunteer is not None and audit:
        _audit_view(request, volunteer)
    return volunteer


def audit_list(request: HttpRequest, volunteers: list[Volunteer]) -> None:
    ids = [volunteer.person_id for volunteer in volunteers if volunteer.person_id]
    if ids:
        record_events_for_people(user=request.user, action=Action.VIEW, person_ids=ids)


def rota_projects_for(user: Viewer) -> QuerySet[Project]:
    """Projects whose rota this user fills: every project for managers, their own for leads."""
    return projects_run_by(user)


def get_rota_project_for(request: HttpRequest, project_id: uuid.UUID) -> Project:
    project = rota_projects_for(request.user).filter(pk=project_id).first()
    if project is None:
        raise Http404
    return project


def rota_slots_for_project(project: Project) -> QuerySet[RotaSlot]:
    """Upcoming slots of a project, with volunteers' names only."""
    return (
        RotaSlot.objects.filter(
            session__activity__project=project, session__ends_at__gte=timezone.now(), session__cancelled_at__isnull=True
        )
        .select_related("session__activity__venue", "volunteer")
        .only(
            "id",
            "role",
            "needs_dbs",
            "session__id",
            "session__starts_at",
            "session__ends_at",
            "session__activity__name",
            "session__activity__venue__name",
            "volunteer__id",
            "volunteer__given_name",
            "volunteer__family_name",
            "volunteer__person_id",
        )
        .order_by("session__starts_at", "role", "pk")
    )


def get_lead_slot_for(request: HttpRequest, slot_id: int) -> RotaSlot:
    slot = (
        RotaSlot.objects.filter(pk=slot_id, session__activity__project__in=rota_projects_for(request.user))
        .select_related("session__activity__project", "volunteer")
        .first()
    )
    if slot is None:
        raise Http404
    return slot


def project_volunteers(project: Project) -> QuerySet[Volunteer]:
    """Volunteers who can be put on a project's rota: names only."""
    return Volunteer.objects.filter(projects=project).only("id", "given_name", "family_name", "stage").order_by("given_name", "family_name")


def open_slots_for(volunteer: Volunteer) -> QuerySet[RotaSlot]:
    """Unfilled slots on upcoming sessions at the volunteer's projects."""
    return (
        RotaSlot.objects.filter(
            volunteer__isnull=True,
            session__activity__project__in=volunteer.projects.all(),
            session__starts_at__gte=timezone.now(),
            session__cancelled_at__isnull=True,
        )
        .exclude(session__rota_slots__volunteer=volunteer)
        .select_related("session__activity__venue")
        .order_by("session__starts_at", "role", "pk")
    )


def own_slots(volunteer: Volunteer) -> QuerySet[RotaSlot]:
    return volunteer.slots.select_related("session__activity__venue", "hours").order_by("session__starts_at")


def get_open_slot_for(request: HttpRequest, volunteer: Volunteer, slot_id: int) -> RotaSlot:
    slot = open_slots_for(volunteer).filter(pk=slot_id).select_related("session__activity__project").first()
    if slot is None:
        raise Http404
    return slot


def get_own_slot_for(request: HttpRequest, volunteer: Volunteer, slot_id: int) -> RotaSlot:
    slot = volunteer.slots.filter(pk=slot_id).select_related("session__activity__project").first()
    if slot is None:
        raise Http404
    return slot


def hours_for(volunteer: Volunteer) -> QuerySet[HoursEntry]:
    return volunteer.hours.select_related("project").order_by("-worked_on", "-pk")


def expenses_visible_to(user: Viewer) -> QuerySet[ExpenseClaim]:
    return ExpenseClaim.objects.filter(volunteer__in=volunteers_visible_to(user)).select_related("volunteer")


def get_expense_for(request: HttpRequest, claim_id: int) -> ExpenseClaim:
    claim = expenses_visible_to(request.user).filter(pk=claim_id).first()
    if claim is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=claim.volunteer.person_id, obj=claim)
    return claim
