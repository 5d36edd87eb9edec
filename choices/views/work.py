"""The route into work, education and volunteering: the page (staff and the member's own), the
vocational profile in their words, goals, steps, starts and ends."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user
from choices import work_services as services
from choices.access import activities_for, get_goal_for, get_placement_for, goals_for, placements_for, profile_for
from choices.forms import EndForm, StartForm, VocationalProfileForm, WorkActivityForm, WorkGoalForm
from choices.models import Placement, PlacementKind, VocationalProfile, WorkActivity, WorkGoal
from choices.plan_goals import plan_goal_choices
from choices.views.who import choices_page, page_context, whose
from core.posted import posted
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from submissions.services import ALREADY_SAVED, key_for_form, once

ACTIVITIES_SHOWN = 30


@choices_page
def work(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="work, education and volunteering")
    placements = list(placements_for(request.user, who.person)[:50])
    today = timezone.localdate()
    return render(
        request,
        "choices/work.jinja",
        {
            **page_context(request, who),
            "profile": profile_for(request.user, who.person),
            "goals": list(goals_for(request.user, who.person)[:30]),
            "current": [p for p in placements if p.ended_on is None or p.ended_on >= today],
            "past": [p for p in placements if p.ended_on is not None and p.ended_on < today],
            "activities": list(activities_for(request.user, who.person)[:ACTIVITIES_SHOWN]),
            "kinds": PlacementKind,
        },
    )


def _profile_answers(profile: VocationalProfile | None) -> dict[str, object]:
    return {name: getattr(profile, name, "") if profile else "" for name in services.PROFILE_FIELDS}


@choices_page
def profile(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="vocational profile", audit=request.method == "GET")
    saved = profile_for(request.user, who.person)
    form = VocationalProfileForm(posted(request), initial=_profile_answers(saved))
    edit = edit_check(request, form, saved=_profile_answers(saved))
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: _profile_answers(services.lock_profile_for_edit(who.person)), discard_url=request.path
            ):
                services.write_vocational_profile(by=acting_user(request), person=who.person, answers=form.cleaned_data)
        except EditConflict as conflict:
            form, edit = VocationalProfileForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, "Profile saved")
            return redirect(who.url("work"))
    return render(request, "choices/profile.jinja", {**page_context(request, who), "form": form, "edit_check": edit})


@choices_page
def goal_new(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="work goals", audit=request.method == "GET")
    plan_goals = plan_goal_choices(request.user, who.person)
    form = WorkGoalForm(posted(request), plan_goals=plan_goals)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan_goal = int(data["plan_goal"]) if data.get("plan_goal") else None
        saved = once(
            request,
            model=WorkGoal,
            create=lambda: services.set_work_goal(
                by=acting_user(request), person=who.person, kind=data["kind"], goal=data["goal"], plan_goal_id=plan_goal
            ),
        )
        messages.success(request, "Goal added" if saved.created else ALREADY_SAVED)
        return redirect(who.url("work"))
    return render(request, "choices/goal_new.jinja", {**page_context(request, who), "form": form, "submission_key": key_for_form(request)})


@require_POST
@choices_page
def goal_achieved(request: HttpRequest, goal_id: int, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="work goals", audit=False)
    goal = get_goal_for(request, who.person, goal_id)
    services.mark_goal_achieved(by=acting_user(request), goal=goal, achieved_on=timezone.localdate())
    messages.success(request, f"Well done: {goal.goal}")
    return redirect(who.url("work"))


@choices_page
def activity_new(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="work steps", audit=request.method == "GET")
    current = list(placements_for(request.user, who.person).filter(ended_on__isnull=True)[:20])
    choices = [(str(p.pk), f"{p.title} ({p.get_kind_display().lower()})") for p in current]
    form = WorkActivityForm(posted(request), initial={"happened_on": timezone.localdate()}, placements=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        placement = next((p for p in current if str(p.pk) == data.get("placement")), None)
        saved = once(
            request,
            model=WorkActivity,
            create=lambda: services.record_work_activity(
                by=acting_user(request),
                person=who.person,
                kind=data["kind"],
                happened_on=data["happened_on"],
                note=data["note"],
                placement=placement,
            ),
        )
        messages.success(request, "Step recorded" if saved.created else ALREADY_SAVED)
        return redirect(who.url("work"))
    return render(
        request, "choices/activity_new.jinja", {**page_context(request, who), "form": form, "submission_key": key_for_form(request)}
    )


@choices_page
def start_new(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="work starts", audit=request.method == "GET")
    form = StartForm(posted(request), initial={"started_on": timezone.localdate(), "kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = once(
                request,
                model=Placement,
                create=lambda: services.record_start(
                    by=acting_user(request),
                    person=who.person,
                    kind=data["kind"],
                    title=data["title"],
                    employer_type=data["employer_type"],
                    employer_name=data["employer_name"],
                    hours_per_week=data["hours_per_week"],
                    started_on=data["started_on"],
                ),
            )
        except services.WorkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Recorded: {saved.obj.title}" if saved.created else ALREADY_SAVED)
            return redirect(who.url("work"))
    return render(request, "choices/start_new.jinja", {**page_context(request, who), "form": form, "submission_key": key_for_form(request)})


def _end_answers(placement: Placement) -> dict[str, object]:
    return {"ended_on": placement.ended_on, "end_reason": placement.end_reason}


@choices_page
def placement_end(request: HttpRequest, placement_id: int, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="work starts", audit=False)
    placement = get_placement_for(request, who.person, placement_id, audit=request.method == "GET")
    form = EndForm(posted(request), initial={**_end_answers(placement), "ended_on": placement.ended_on or timezone.localdate()})
    edit = edit_check(request, form, saved=_end_answers(placement))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: _end_answers(services.lock_placement_for_edit(placement)), discard_url=request.path
            ):
                services.record_end(by=acting_user(request), placement=placement, ended_on=data["ended_on"], end_reason=data["end_reason"])
        except services.WorkError as error:
            form.add_error(None, str(error))
        except EditConflict as conflict:
            form, edit = EndForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, f"Recorded the end of {placement.title}")
            return redirect(who.url("work"))
    return render(
        request, "choices/placement_end.jinja", {**page_context(request, who), "form": form, "placement": placement, "edit_check": edit}
    )
