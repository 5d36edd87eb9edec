"""Signposting a member to a resource, and following it up (workers and managers)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.posted import posted
from hub import services
from hub.access import follow_ups_due_for, get_signposting_for, person_signpostings_for
from hub.forms import FollowUpForm, SignpostingForm
from hub.models import Signposting
from hub.services import HubError
from notifications.models import Status
from people.access import get_person_for
from people.views.person import person_header_context
from submissions.services import ALREADY_SAVED, key_for_form, once

FAILED = frozenset({Status.NOT_SENT, Status.PERMANENT_FAILURE, Status.TEMPORARY_FAILURE, Status.TECHNICAL_FAILURE})


@requires(Capability.LINK_MEMBERS_TO_RESOURCES)
def person_signposting(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    signpostings = list(person_signpostings_for(request.user, person)[:50])
    return render(request, "hub/signposting/person.jinja", {**person_header_context(request, person), "signpostings": signpostings})


@requires(Capability.LINK_MEMBERS_TO_RESOURCES)
def signpost_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    form = SignpostingForm(
        posted(request), person=person, initial={"resource": request.GET.get("resource")} if request.GET.get("resource") else None
    )
    if request.method == "POST" and form.is_valid():
        signposting = form.save(commit=False)
        signposting.person = person
        signposting.signposted_on = form.cleaned_data["signposted_on"]
        weeks = int(form.cleaned_data["follow_up_in"])
        try:
            saved = once(
                request,
                model=Signposting,
                create=lambda: services.signpost(
                    by=acting_user(request),
                    signposting=signposting,
                    follow_up_after=timedelta(weeks=weeks),
                    referral_shares=form.cleaned_data["referral_shares"],
                ),
            )
        except HubError as error:
            form.add_error("resource", str(error))
        else:
            due = saved.obj.follow_up_due.strftime("%-d %B %Y")
            messages.success(request, f"Signposting recorded. We will ask how it went on {due}." if saved.created else ALREADY_SAVED)
            referral = saved.obj.referral_message
            if saved.created and referral is not None:
                if referral.status in FAILED:
                    messages.warning(
                        request, f"The warm referral email could not be sent ({referral.get_status_display()}): phone them instead"
                    )
                else:
                    messages.info(request, f"A warm referral email is on its way to {referral.to}")
            return redirect("hub:person_signposting", person_id=person.pk)
    return render(
        request,
        "hub/signposting/form.jinja",
        {**person_header_context(request, person), "form": form, "submission_key": key_for_form(request)},
    )


@requires(Capability.LINK_MEMBERS_TO_RESOURCES)
def follow_ups(request: HttpRequest) -> HttpResponse:
    """The follow-ups this worker owes, oldest first."""
    page = Paginator(follow_ups_due_for(request.user, today=timezone.localdate()), 25).get_page(request.GET.get("page"))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[signposting.person_id for signposting in page.object_list],
        detail={"list": "signposting follow-ups due"},
    )
    return render(request, "hub/signposting/follow_ups.jinja", {"page": page, "query": ""})


@requires(Capability.LINK_MEMBERS_TO_RESOURCES)
def follow_up(request: HttpRequest, signposting_id: int) -> HttpResponse:
    """The worker records the answer (asked on the phone, or at a contact)."""
    signposting = get_signposting_for(request, signposting_id)
    form = FollowUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.answer_follow_up(by=acting_user(request), signposting=signposting, answer=form.cleaned_data["answer"])
        messages.success(request, "Answer recorded")
        return redirect("hub:person_signposting", person_id=signposting.person_id)
    return render(
        request,
        "hub/signposting/follow_up.jinja",
        {**person_header_context(request, signposting.person), "form": form, "signposting": signposting},
    )
