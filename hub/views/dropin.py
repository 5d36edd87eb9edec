"""Signposting recorded at a drop-in by whoever takes its register (often a volunteer): only who
(someone marked here, by first name as on the register), where to and how. They see no more of
the person's record than the register shows; the follow-up goes to the person's worker."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from community.access import get_register_session_for, get_regular_for_register, marked_here
from community.presenters import SessionPresenter
from core.posted import posted
from hub import services
from hub.forms import DropInSignpostingForm
from hub.models import Signposting
from hub.services import HubError
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.SIGNPOST_AT_DROP_IN)
def signpost_at_drop_in(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_register_session_for(request, session_id)
    here = marked_here(request, session)
    choices = [(str(line.person_id), f"{line.first_name} {line.initial}".strip()) for line in here]
    initial = {"person": request.GET["person"]} if request.GET.get("person") else None
    form = DropInSignpostingForm(posted(request), here=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = get_regular_for_register(request, session, form.cleaned_data["person"])
        try:
            saved = once(
                request,
                model=Signposting,
                create=lambda: services.signpost_at_drop_in(
                    by=acting_user(request),
                    session=session,
                    person=person,
                    resource=form.cleaned_data["resource"],
                    how=form.cleaned_data["how"],
                ),
            )
        except HubError as error:
            form.add_error(None, str(error))
        else:
            name = dict(choices)[form.cleaned_data["person"]]
            resource = form.cleaned_data["resource"].name
            messages.success(
                request, f"Recorded: {name} was pointed to {resource}. Their worker will follow it up" if saved.created else ALREADY_SAVED
            )
            return redirect("community:register", session_id=session.pk)
    return render(
        request,
        "hub/dropin/signpost.jinja",
        {
            "form": form,
            "session": session,
            "presenter": SessionPresenter(session),
            "anyone_here": bool(choices),
            "submission_key": key_for_form(request),
        },
    )
