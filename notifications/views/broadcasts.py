"""A project lead or manager writes to a project's members or volunteers who asked for its news."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from accounts.teams import in_service_of
from core.posted import posted
from notifications.audiences import audiences_for, people_in
from notifications.client import using_stand_in
from notifications.forms import BroadcastForm
from notifications.models import Broadcast
from notifications.services import send_to_group
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.SEND_PROJECT_MESSAGES)
def broadcast_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    audiences = audiences_for(user)
    form = BroadcastForm(posted(request), audiences=audiences)
    if request.method == "POST" and form.is_valid():
        audience = form.audiences[form.cleaned_data["audience"]]
        saved = once(
            request,
            model=Broadcast,
            create=lambda: send_to_group(
                by=user,
                audience=audience.key,
                audience_label=audience.label,
                people=people_in(user, audience.key),
                text=form.cleaned_data["text"],
                project=audience.project,
            ),
        )
        messages.success(request, "Your message has been sent" if saved.created else ALREADY_SAVED)
        return redirect("notifications:broadcast_detail", broadcast_id=saved.obj.pk)
    return render(
        request,
        "notifications/broadcast_form.jinja",
        {
            "form": form,
            "has_audiences": bool(audiences),
            "submission_key": key_for_form(request),
            "stand_in": using_stand_in(),
        },
    )


@requires(Capability.SEND_PROJECT_MESSAGES)
def broadcast_detail(request: HttpRequest, broadcast_id: int) -> HttpResponse:
    # A manager sees their own service's messages (docs/teams.md): sent by someone in it.
    broadcast = Broadcast.objects.filter(in_service_of(request.user, "sent_by__service"), pk=broadcast_id).first()
    if broadcast is None or not (broadcast.sent_by_id == request.user.pk or can(request.user, Capability.SEE_MESSAGE_TEMPLATES)):
        raise Http404
    reasons: dict[str, int] = {}
    for because in broadcast.messages.filter(status="not-sent").values_list("not_sent_because", flat=True):
        reasons[because] = reasons.get(because, 0) + 1
    return render(request, "notifications/broadcast_detail.jinja", {"broadcast": broadcast, "reasons": sorted(reasons.items())})
