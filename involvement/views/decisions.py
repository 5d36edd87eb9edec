"""The decision log: what was decided, by whom and why, and what shaped it; publishing "you said, we did"."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from involvement import services
from involvement.access import activities_for, decisions_for, feedback_for, get_decision_for
from involvement.forms import DecisionForm
from involvement.models import Decision, Feedback, InvolvementActivity
from involvement.presenters import involvement_nav
from submissions.conflicts import EditConflict, model_edit_check, unchanged_model
from submissions.services import ALREADY_SAVED, key_for_form, once

CHOICES_SHOWN = 50


def _latest_activities(request: HttpRequest) -> QuerySet[InvolvementActivity]:
    activities = activities_for(request.user).order_by("-held_on", "-id")
    return activities.filter(pk__in=Subquery(activities.values("pk")[:CHOICES_SHOWN])).order_by("-held_on", "-id")


def _latest_feedback(request: HttpRequest) -> QuerySet[Feedback]:
    feedback = feedback_for(request.user).order_by("-received_at", "-id")
    return feedback.filter(pk__in=Subquery(feedback.values("pk")[:CHOICES_SHOWN])).order_by("-received_at", "-id")


@requires(Capability.LOG_DECISIONS)
def decision_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(decisions_for(request.user).order_by("-decided_on", "-id"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "involvement/decision_list.jinja",
        {"page": page, "pagination": pagination_params(page), "involvement_nav": involvement_nav(request.user)},
    )


@requires(Capability.LOG_DECISIONS)
def decision_new(request: HttpRequest) -> HttpResponse:
    form = DecisionForm(posted(request), activity_choices=_latest_activities(request), feedback_choices=_latest_feedback(request))
    if request.method == "POST" and form.is_valid():
        saved = once(
            request,
            model=Decision,
            create=lambda: services.log_decision(
                by=acting_user(request),
                decision=form.save(commit=False),
                activities=form.cleaned_data["activities"],
                feedback=form.cleaned_data["feedback"],
            ),
        )
        messages.success(request, "Decision logged" if saved.created else ALREADY_SAVED)
        return redirect("involvement:decision_detail", decision_id=saved.obj.pk)
    _audit_feedback_choices(request, form)
    return render(request, "involvement/decision_form.jinja", {"form": form, "submission_key": key_for_form(request)})


def _audit_feedback_choices(request: HttpRequest, form: DecisionForm) -> None:
    """The choices quote members' feedback: each person whose words are shown is audited."""
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=list(form.fields["feedback"].queryset.exclude(person=None).values_list("person_id", flat=True)),  # type: ignore[attr-defined]
        detail={"list": "decision feedback choices"},
    )


@requires(Capability.LOG_DECISIONS)
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_decision_for(request, decision_id)
    # Keep links to older activities and feedback as choices, as well as the newest.
    activity_choices = (
        activities_for(request.user).filter(Q(pk__in=_latest_activities(request).values("pk")) | Q(decisions=decision)).distinct()
    )
    feedback_choices = (
        feedback_for(request.user).filter(Q(pk__in=_latest_feedback(request).values("pk")) | Q(decisions=decision)).distinct()
    )
    choices = {
        "activity_choices": activity_choices.order_by("-held_on", "-id"),
        "feedback_choices": feedback_choices.order_by("-received_at", "-id"),
    }
    form = DecisionForm(posted(request), instance=decision, **choices)
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_model(request, form):
                services.update_decision(
                    by=acting_user(request),
                    decision=form.save(commit=False),
                    changed=form.changed_data,
                    activities=form.cleaned_data["activities"],
                    feedback=form.cleaned_data["feedback"],
                )
        except EditConflict as conflict:
            decision.refresh_from_db()
            form, edit = DecisionForm(initial=conflict.merged, instance=decision, **choices), conflict.check
        else:
            messages.success(request, "Changes saved")
            return redirect("involvement:decision_detail", decision_id=decision.pk)
    _audit_feedback_choices(request, form)
    return render(request, "involvement/decision_form.jinja", {"form": form, "decision": decision, "edit_check": edit})


@requires(Capability.LOG_DECISIONS)
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_decision_for(request, decision_id)
    linked_feedback = list(feedback_for(request.user).filter(decisions=decision).order_by("-received_at"))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[f.person_id for f in linked_feedback if f.person_id],
        detail={"decision": decision.pk},
    )
    return render(
        request,
        "involvement/decision_detail.jinja",
        {
            "decision": decision,
            "activities": list(activities_for(request.user).filter(decisions=decision).order_by("-held_on")),
            "linked_feedback": linked_feedback,
        },
    )


@require_POST
@requires(Capability.LOG_DECISIONS)
def decision_publish(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_decision_for(request, decision_id)
    try:
        services.publish_decision(by=acting_user(request), decision=decision)
    except services.NotReadyToPublish as error:
        show_refusal(request, error)
    else:
        messages.success(request, "Published on the “You said, we did” page")
    return redirect("involvement:decision_detail", decision_id=decision.pk)
