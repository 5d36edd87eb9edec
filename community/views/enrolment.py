"""Enrolment on courses: places, the waiting list, and completion."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from community import services
from community.access import enrolments_for, get_activity_for, get_enrolment_for, get_regular_for_enrolment, regulars_not_enrolled
from community.forms import EnrolForm
from community.models import EnrolmentStatus
from community.models.enrolment import CommunityError
from core.status import show_refusal


@requires(Capability.RUN_PROJECTS)
def enrolments(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    rows = enrolments_for(request, activity) if activity.is_course else []
    form = EnrolForm(people=regulars_not_enrolled(request, activity) if activity.is_course else [])
    return render(
        request,
        "community/enrolment/list.jinja",
        {
            "activity": activity,
            "enrolled": [e for e in rows if e.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)],
            "waiting": [e for e in rows if e.status == EnrolmentStatus.WAITING],
            "left": [e for e in rows if e.status == EnrolmentStatus.WITHDRAWN],
            "form": form,
        },
    )


@require_POST
@requires(Capability.RUN_PROJECTS)
def enrol(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    raw = request.POST.get("person", "")
    try:
        person_id = uuid.UUID(raw)
    except ValueError:
        messages.error(request, "Choose who is joining")
        return redirect("community:enrolments", activity_id=activity.pk)
    person = get_regular_for_enrolment(request, activity, person_id)
    try:
        enrolment = services.enrol(by=acting_user(request), activity=activity, person=person)
    except CommunityError as error:
        show_refusal(request, error)
    else:
        place = "has a place" if enrolment.status == EnrolmentStatus.ENROLLED else "is on the waiting list"
        messages.success(request, f"{person.known_as} {place}")
    return redirect("community:enrolments", activity_id=activity.pk)


def _change(request: HttpRequest, activity_id: uuid.UUID, enrolment_id: int, *, complete: bool) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    enrolment = get_enrolment_for(request, activity, enrolment_id)
    try:
        if complete:
            services.complete_enrolment(by=acting_user(request), enrolment=enrolment)
        else:
            services.withdraw_enrolment(by=acting_user(request), enrolment=enrolment)
    except CommunityError as error:
        show_refusal(request, error)
    else:
        messages.success(request, f"{enrolment.person.known_as}: {enrolment.get_status_display().lower()}")
    return redirect("community:enrolments", activity_id=activity.pk)


@require_POST
@requires(Capability.RUN_PROJECTS)
def enrolment_complete(request: HttpRequest, activity_id: uuid.UUID, enrolment_id: int) -> HttpResponse:
    return _change(request, activity_id, enrolment_id, complete=True)


@require_POST
@requires(Capability.RUN_PROJECTS)
def enrolment_withdraw(request: HttpRequest, activity_id: uuid.UUID, enrolment_id: int) -> HttpResponse:
    return _change(request, activity_id, enrolment_id, complete=False)
