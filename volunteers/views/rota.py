"""A project's rota for its leads and managers: gaps, new slots, filling them, confirming hours."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from community.models import Session
from core.posted import posted
from core.status import show_refusal
from submissions.services import ALREADY_SAVED, key_for_form, once
from volunteers import hours, rota
from volunteers.access import get_lead_slot_for, get_rota_project_for, project_volunteers, rota_projects_for, rota_slots_for_project
from volunteers.forms import FillSlotForm, SlotForm
from volunteers.models import RotaSlot
from volunteers.models.volunteer import VolunteerError
from volunteers.presenters import slot_line

SESSION_WINDOW_DAYS = 28


def _session_choices(project_id: uuid.UUID) -> list[tuple[int, str]]:
    now = timezone.now()
    sessions = (
        Session.objects.filter(
            activity__project_id=project_id, starts_at__gte=now, starts_at__lte=now + timedelta(days=SESSION_WINDOW_DAYS)
        )
        .running()
        .select_related("activity")
        .order_by("starts_at")[:60]
    )
    return [(session.pk, f"{session.activity.name}, {timezone.localtime(session.starts_at):%a %d %b %H:%M}") for session in sessions]


@requires(Capability.FILL_ROTA)
def projects(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteers/rota/projects.jinja", {"projects": list(rota_projects_for(request.user).only("id", "name")[:100])})


@requires(Capability.FILL_ROTA)
def project_rota(request: HttpRequest, project_id: uuid.UUID) -> HttpResponse:
    project = get_rota_project_for(request, project_id)
    slots = list(rota_slots_for_project(project)[:80])
    names = [(str(volunteer.pk), volunteer.name) for volunteer in project_volunteers(project)[:200]]
    form = SlotForm(posted(request), sessions=_session_choices(project.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = once(
            request,
            model=RotaSlot,
            create=lambda: rota.create_slot(
                session_id=data["session"], role=data["role"], needs_dbs=data["needs_dbs"], by=acting_user(request)
            ),
        )
        messages.success(request, "Slot added" if saved.created else ALREADY_SAVED)
        return redirect("volunteers:project_rota", project_id=project.pk)
    return render(
        request,
        "volunteers/rota/project.jinja",
        {
            "project": project,
            "lines": [slot_line(slot) for slot in slots],
            "gaps": sum(1 for slot in slots if slot.volunteer_id is None),
            "names": names,
            "form": form,
            "submission_key": key_for_form(request),
        },
    )


@require_POST
@requires(Capability.FILL_ROTA)
def fill_slot(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_lead_slot_for(request, slot_id)
    project = slot.session.activity.project
    form = FillSlotForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a volunteer")
        return redirect("volunteers:project_rota", project_id=project.pk)
    volunteer = (
        project_volunteers(project)
        .filter(pk=form.cleaned_data["volunteer"])
        .only("id", "given_name", "family_name", "stage", "user_id", "person_id")
        .first()
    )
    if volunteer is None:
        raise Http404
    try:
        rota.take_slot(slot=slot, volunteer=volunteer, by=acting_user(request))
    except VolunteerError as error:
        messages.error(request, f"{volunteer.name} cannot take this slot. {error}")
    else:
        messages.success(request, f"{volunteer.name} is on the rota")
    return redirect("volunteers:project_rota", project_id=project.pk)


@require_POST
@requires(Capability.FILL_ROTA)
def confirm_slot_hours(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_lead_slot_for(request, slot_id)
    try:
        hours.log_hours_for_slot(slot=slot, by=acting_user(request))
    except VolunteerError as error:
        show_refusal(request, error)
    else:
        messages.success(request, "Hours logged")
    return redirect("volunteers:project_rota", project_id=slot.session.activity.project_id)
