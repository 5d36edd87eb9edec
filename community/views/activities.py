"""Running a project: its activities, their schedules, sessions, closures and rota."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from community import services
from community.access import get_activity_for, get_project_for, get_run_session_for
from community.forms import ActivityForm, CancelSessionForm, ClosureForm, RosterForm, ScheduleForm
from community.models import Activity, ActivityClosure, Schedule
from community.models.enrolment import CommunityError
from community.presenters import ActivityPresenter, SessionPresenter
from core.posted import posted
from core.status import show_refusal
from submissions.conflicts import EditConflict, model_edit_check, model_form_again, unchanged_model
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.RUN_PROJECTS)
def activity_new(request: HttpRequest, project_id: uuid.UUID) -> HttpResponse:
    project = get_project_for(request, project_id)
    form = ActivityForm(posted(request), instance=Activity(project=project))
    if request.method == "POST" and form.is_valid():
        try:
            saved = once(
                request, model=Activity, create=lambda: services.save_activity(by=acting_user(request), activity=form.save(commit=False))
            )
        except CommunityError as error:
            show_refusal(request, error, form)
        else:
            said = f"{saved.obj.name} has been added. Now add when it happens."
            messages.success(request, said if saved.created else ALREADY_SAVED)
            return redirect("community:schedule_new", activity_id=saved.obj.pk)
    return render(
        request,
        "community/activities/form.jinja",
        {"form": form, "project": project, "title": "Add an activity", "submission_key": key_for_form(request)},
    )


@requires(Capability.RUN_PROJECTS)
def activity_detail(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    recent = timezone.now() - timedelta(days=14)
    sessions = activity.sessions.filter(starts_at__gte=recent).order_by("starts_at")
    page = Paginator(sessions, 12).get_page(request.GET.get("page"))
    return render(
        request,
        "community/activities/detail.jinja",
        {
            "activity": activity,
            "presenter": ActivityPresenter(activity),
            "schedules": list(activity.schedules.all()),
            "closures": list(activity.closures.filter(date__gte=timezone.localdate())),
            "page": page,
            "sessions": [SessionPresenter(session) for session in page.object_list],
        },
    )


@requires(Capability.RUN_PROJECTS)
def activity_edit(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    form = ActivityForm(posted(request), instance=activity)
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_model(request, form):
                services.save_activity(by=acting_user(request), activity=form.save(commit=False))
        except CommunityError as error:
            show_refusal(request, error, form)
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
        else:
            messages.success(request, "Changes saved")
            return redirect("community:activity_detail", activity_id=activity.pk)
    return render(
        request,
        "community/activities/form.jinja",
        {"form": form, "project": activity.project, "title": f"Change {activity.name}", "edit_check": edit},
    )


@requires(Capability.RUN_PROJECTS)
def schedule_new(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    form = ScheduleForm(posted(request), instance=Schedule(activity=activity), initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        schedule = form.save(commit=False)
        made: list[int] = []

        def add() -> Schedule:
            made.append(services.add_schedule(by=acting_user(request), schedule=schedule))
            return schedule

        try:
            saved = once(request, model=Schedule, create=add)
        except CommunityError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, f"Schedule added: {made[0]} sessions are on the calendar" if saved.created else ALREADY_SAVED)
            return redirect("community:activity_detail", activity_id=activity.pk)
    return render(
        request,
        "community/activities/schedule_form.jinja",
        {"form": form, "activity": activity, "submission_key": key_for_form(request)},
    )


@require_POST
@requires(Capability.RUN_PROJECTS)
def sessions_generate(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    made = services.generate_sessions(activity=activity)
    messages.success(request, f"{made} new sessions added" if made else "The calendar is already up to date")
    return redirect("community:activity_detail", activity_id=activity.pk)


@requires(Capability.RUN_PROJECTS)
def closure_new(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    form = ClosureForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            saved = once(
                request,
                model=ActivityClosure,
                create=lambda: services.close_activity_on(
                    by=acting_user(request), activity=activity, day=form.cleaned_data["date"], reason=form.cleaned_data["reason"]
                ),
            )
        except CommunityError as error:
            show_refusal(request, error, form, field="date")
        else:
            messages.success(request, "The closure has been added, and members will see why" if saved.created else ALREADY_SAVED)
            return redirect("community:activity_detail", activity_id=activity.pk)
    return render(
        request,
        "community/activities/closure_form.jinja",
        {"form": form, "activity": activity, "submission_key": key_for_form(request)},
    )


@requires(Capability.RUN_PROJECTS)
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_run_session_for(request, session_id)
    roster = list(session.roster.select_related("user"))
    return render(
        request,
        "community/sessions/detail.jinja",
        {
            "session": session,
            "presenter": SessionPresenter(session),
            "roster": roster,
            "cancel_form": CancelSessionForm(),
            "roster_form": RosterForm(),
        },
    )


@require_POST
@requires(Capability.RUN_PROJECTS)
def session_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_run_session_for(request, session_id)
    form = CancelSessionForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_session(by=acting_user(request), session=session, reason=form.cleaned_data["reason"])
        except CommunityError as error:
            show_refusal(request, error)
        else:
            messages.success(request, "The session is cancelled. Members will see the reason.")
    else:
        messages.error(request, "Enter the reason the session is cancelled")
    return redirect("community:session_detail", session_id=session.pk)


@require_POST
@requires(Capability.RUN_PROJECTS)
def session_roster_add(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_run_session_for(request, session_id)
    form = RosterForm(request.POST)
    if form.is_valid():
        user = form.cleaned_data["user"]
        services.add_to_roster(
            by=acting_user(request), session=session, user=user, role="lead" if can(user, Capability.LEAD_OWN_PROJECTS) else "volunteer"
        )
        messages.success(request, f"{user.display_name} is on the rota")
    else:
        messages.error(request, "Choose who is on duty")
    return redirect("community:session_detail", session_id=session.pk)
