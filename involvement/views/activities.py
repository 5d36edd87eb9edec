"""Involvement activities: record them, name the members who took part, record payments."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from core.posted import posted
from involvement import services
from involvement.access import activities_for, get_activity_for, get_participant_for, list_participants, participants_for, payments_for
from involvement.forms import ActivityForm, ParticipantSearchForm, PaymentForm
from involvement.models import InvolvementActivity, InvolvementPayment
from involvement.presenters import ActivityPresenter, involvement_nav
from people.access import get_person_for, people_visible_to
from submissions.conflicts import EditConflict, model_edit_check, model_form_again, unchanged_model
from submissions.services import ALREADY_SAVED, key_for_form, once

PAGE_SIZE = 25
SEARCH_RESULTS = 20


@requires(Capability.RECORD_INVOLVEMENT)
def activity_list(request: HttpRequest) -> HttpResponse:
    activities = activities_for(request.user).order_by("-held_on", "-id")
    chosen = request.GET.get("type", "")
    if chosen:
        activities = activities.filter(activity_type=chosen)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "involvement/activity_list.jinja",
        {
            "page": page,
            "activities": [ActivityPresenter(a) for a in page.object_list],
            "pagination": pagination_params(page, f"type={chosen}" if chosen else ""),
            "chosen_type": chosen,
            "involvement_nav": involvement_nav(request.user),
        },
    )


@requires(Capability.RECORD_INVOLVEMENT)
def activity_new(request: HttpRequest) -> HttpResponse:
    form = ActivityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = once(
            request,
            model=InvolvementActivity,
            create=lambda: services.record_activity(by=acting_user(request), activity=form.save(commit=False)),
        )
        said = "Activity recorded. Now add the members who took part, if they agreed to be named."
        messages.success(request, said if saved.created else ALREADY_SAVED)
        return redirect("involvement:activity_detail", activity_id=saved.obj.pk)
    return render(
        request,
        "involvement/activity_form.jinja",
        {"form": form, "title": "Record an involvement activity", "submission_key": key_for_form(request)},
    )


@requires(Capability.RECORD_INVOLVEMENT)
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    form = ActivityForm(posted(request), instance=activity)
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_model(request, form):
                services.update_activity(by=acting_user(request), activity=form.save(commit=False), changed=form.changed_data)
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
        else:
            messages.success(request, "Changes saved")
            return redirect("involvement:activity_detail", activity_id=activity.pk)
    return render(
        request,
        "involvement/activity_form.jinja",
        {"form": form, "title": f"Change {activity.title}", "activity": activity, "edit_check": edit},
    )


@requires(Capability.RECORD_INVOLVEMENT)
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    participants = list_participants(request, activity)
    payments = list(payments_for(request.user, activity))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[p.person_id for p in payments if p.person_id],
        detail={"involvement_payments": activity.pk},
    )
    presenter = ActivityPresenter(activity)
    return render(
        request,
        "involvement/activity_detail.jinja",
        {
            "activity": activity,
            "presenter": presenter,
            "participants": participants,
            "hidden_participants": presenter.named_members - len(participants),
            "payments": payments,
        },
    )


@requires(Capability.RECORD_INVOLVEMENT)
def participant_add(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Search (by POST, so names never go in the URL) among the people the user may see, then add one."""
    activity = get_activity_for(request, activity_id)
    person_id = request.POST.get("person") if request.method == "POST" else None
    if person_id:
        try:
            chosen = uuid.UUID(person_id)
        except ValueError as error:
            raise Http404 from error
        person = get_person_for(request, chosen, audit=False)
        services.add_participant(by=acting_user(request), activity=activity, person=person)
        messages.success(request, f"{person.full_name} added")
        return redirect("involvement:activity_detail", activity_id=activity.pk)
    form = ParticipantSearchForm(posted(request))
    results = []
    if request.method == "POST" and form.is_valid():
        results = list(people_visible_to(request.user).matching(form.cleaned_data["query"])[:SEARCH_RESULTS])
        record_events_for_people(
            user=request.user,
            action=Action.SEARCH,
            person_ids=[p.pk for p in results],
            detail={"involvement": activity.pk},
        )
    return render(
        request,
        "involvement/participant_add.jinja",
        {"activity": activity, "form": form, "results": results, "searched": form.is_bound and form.is_valid()},
    )


@require_POST
@requires(Capability.RECORD_INVOLVEMENT)
def participant_remove(request: HttpRequest, activity_id: int, participant_id: int) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    participant = get_participant_for(request, activity, participant_id)
    name = participant.person.full_name
    services.remove_participant(by=acting_user(request), participant=participant)
    messages.success(request, f"{name} removed")
    return redirect("involvement:activity_detail", activity_id=activity.pk)


@requires(Capability.RECORD_INVOLVEMENT)
def payment_new(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = get_activity_for(request, activity_id)
    participants = list_participants(request, activity) if request.method == "GET" else list(participants_for(request.user, activity))
    form = PaymentForm(posted(request), participants=[(p.pk, p.person.full_name) for p in participants])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next((p for p in participants if p.pk == data["participant"]), None)
        saved = once(
            request,
            model=InvolvementPayment,
            create=lambda: services.record_payment(
                by=acting_user(request),
                activity=activity,
                amount=data["amount"],
                method=data["method"],
                paid_on=data["paid_on"],
                person=chosen.person if chosen else None,
                paid_to="" if chosen else data["paid_to"],
            ),
        )
        messages.success(request, "Payment recorded" if saved.created else ALREADY_SAVED)
        return redirect("involvement:activity_detail", activity_id=activity.pk)
    return render(request, "involvement/payment_form.jinja", {"activity": activity, "form": form, "submission_key": key_for_form(request)})
