"""The member's own pages: home, profile, plan and goals, WRAP and crisis plan."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import acting_user, requires
from accounts.roles import Capability
from community.crisis import crisis_listings
from core.posted import posted
from core.status import show_refusal
from hub import home as hub_home
from plans import services as plan_services
from plans.documents import KINDS, Kind
from plans.editing import plan_edit_check, save_checked
from plans.forms import initial_from_content, plan_form_class
from plans.models import GoalProgress, PlanDocument
from plans.presenters import sections_of
from portal import access
from portal.forms import OwnProgressForm
from portal.presenters import crisis_card, goal_rating
from submissions.conflicts import EditConflict
from submissions.services import key_for_form, once

EDITABLE = {"wrap": Kind.WRAP, "crisis": Kind.CRISIS}


def _goal_rows(goals: Iterable[PlanDocument]) -> list[tuple[PlanDocument, str]]:
    return [(goal, goal_rating(getattr(goal, "latest_rating", None))) for goal in goals]


@requires(Capability.SEE_OWN_RECORD)
def home(request: HttpRequest) -> HttpResponse:
    person = access.own_person(request, page="home")
    user = acting_user(request)
    episode = access.open_episode(user, person)
    context = {
        "person": person,
        "goals": _goal_rows(access.own_goals(user, person)[:5]),
        "sessions": list(access.upcoming_sessions(user, person, limit=5)),
        "episode": episode,
        "last_contact": access.last_contact(user, person),
        "follow_ups_due": hub_home.member_follow_ups_due(user, person, today=timezone.localdate()),
    }
    return render(request, "portal/home.jinja", context)


@requires(Capability.SEE_OWN_RECORD)
def profile(request: HttpRequest) -> HttpResponse:
    person = access.own_person(request, page="profile")
    document = access.own_document(request.user, person, Kind.PROFILE)
    version = document.current_version if document else None
    return render(
        request,
        "portal/document.jinja",
        {
            "kind": "profile",
            "title": _("Your one-page profile"),
            "sections": sections_of(KINDS[Kind.PROFILE], version) if version else [],
            "editable": False,
        },
    )


@requires(Capability.SEE_OWN_RECORD)
def plan(request: HttpRequest) -> HttpResponse:
    person = access.own_person(request, page="plan")
    user = acting_user(request)
    path_document = access.own_document(user, person, Kind.PATH)
    path_version = path_document.current_version if path_document else None
    context = {
        "goals": _goal_rows(access.own_goals(user, person)[:50]),
        "path_sections": sections_of(KINDS[Kind.PATH], path_version) if path_version else [],
    }
    return render(request, "portal/plan.jinja", context)


@requires(Capability.SEE_OWN_RECORD)
def goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    person = access.own_person(request, page="goal")
    document = access.get_own_goal(request, person, goal_id)
    form = OwnProgressForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            once(
                request,
                model=GoalProgress,
                create=lambda: plan_services.record_goal_progress(
                    by=acting_user(request),
                    goal=document,
                    recorded_on=form.recorded_on,
                    rating=form.cleaned_data["rating"],
                    note=form.cleaned_data["note"],
                    in_persons_words=True,
                ),
            )
        except plan_services.PlanError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("Thank you. We have saved your progress"))
            return redirect("portal:goal", goal_id=document.pk)
    context = {
        "goal": document,
        "sections": sections_of(KINDS[Kind.GOAL], document.current_version),
        "progress": list(access.progress_of_own_goal(document)[:20]),
        "rating": goal_rating(getattr(document, "latest_rating", None)),
        "form": form,
        "submission_key": key_for_form(request),
    }
    return render(request, "portal/goal.jinja", context)


@requires(Capability.SEE_OWN_RECORD)
def document(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in EDITABLE:
        raise Http404
    person = access.own_person(request, page=kind)
    existing = access.own_document(request.user, person, EDITABLE[kind])
    version = existing.current_version if existing else None
    title = _("Your WRAP") if kind == "wrap" else _("Your crisis plan")
    card, places = None, []
    if kind == "crisis":
        places = crisis_listings(now=timezone.now())
        wrap = access.own_document(request.user, person, Kind.WRAP)
        card = crisis_card(
            crisis=version.content if version else {},
            wrap=wrap.current_version.content if wrap and wrap.current_version else {},
        )
    return render(
        request,
        "portal/document.jinja",
        {
            "kind": kind,
            "title": title,
            "sections": sections_of(KINDS[EDITABLE[kind]], version) if version else [],
            "editable": True,
            "card": card,
            "places": places,
        },
    )


@requires(Capability.SEE_OWN_RECORD)
def edit_document(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in EDITABLE:
        raise Http404
    person = access.own_person(request, page=f"{kind} edit")
    definition = KINDS[EDITABLE[kind]]
    existing = access.own_document(request.user, person, EDITABLE[kind])
    initial = initial_from_content(definition, existing.current_version.content) if existing and existing.current_version else {}
    form = plan_form_class(definition)(posted(request), initial=initial)
    saved = existing.current_version.content if existing and existing.current_version else {}
    edit = plan_edit_check(request, form, definition=definition, content=saved)
    if request.method == "POST" and form.is_valid():
        try:
            save_checked(
                request,
                by=acting_user(request),
                person=person,
                definition=definition,
                form=form,
                document=existing,
                discard_url=reverse("portal:document", kwargs={"kind": kind}),
            )
        except EditConflict as conflict:
            form, edit = plan_form_class(definition)(initial=conflict.merged), conflict.check
        else:
            messages.success(request, _("We have saved your changes. Your worker can see what you changed."))
            return redirect("portal:document", kind=kind)
    title = _("Change your WRAP") if kind == "wrap" else _("Change your crisis plan")
    return render(request, "portal/edit_document.jinja", {"kind": kind, "title": title, "form": form, "edit_check": edit})
