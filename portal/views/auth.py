"""Letting members in: staff invite them; they set a password or ask for an emailed sign-in link."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import acting_user, requires
from accounts.middleware import SIGNED_IN_AT
from accounts.roles import Capability
from audit.services import Action, record_event
from core.posted import posted
from core.ratelimit import over_limit
from core.status import show_refusal
from people.access import get_person_for
from portal import services
from portal.forms import EmailLinkForm, InviteForm, SetPasswordForm
from portal.models import MemberLink

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _signed_in(request: HttpRequest, user: object) -> None:
    login(request, user, backend=BACKEND)  # type: ignore[arg-type]  # rotates the session key
    request.session[SIGNED_IN_AT] = time.time()
    record_event(user=request.user, action=Action.SIGN_IN, detail={"by": "member link"})


def _link_problem(request: HttpRequest, problem: services.LinkProblem, purpose: str) -> HttpResponse:
    return render(request, "portal/link_problem.jinja", {"reason": problem.reason, "purpose": purpose}, status=410)


@requires(Capability.INVITE_MEMBERS)
def invite(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    initial = {"email": person.user.email if person.user else person.email}
    form = InviteForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(by=acting_user(request), person=person, email=form.cleaned_data["email"], request=request)
        except services.PortalError as error:
            show_refusal(request, error, form, field="email")
        else:
            messages.success(
                request, f"We have emailed an invitation to {form.cleaned_data['email']}. It works for {settings.STAR_INVITATION_DAYS} days"
            )
            return redirect("people:detail", person_id=person.pk)
    return render(request, "portal/invite.jinja", {"person": person, "form": form})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = services.check_link(token=token, purpose=MemberLink.Purpose.INVITATION)
    except services.LinkProblem as problem:
        return _link_problem(request, problem, "invitation")
    form = SetPasswordForm(posted(request), user=link.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token=token, password=form.cleaned_data["password"])
        except services.LinkProblem as problem:
            return _link_problem(request, problem, "invitation")
        _signed_in(request, user)
        messages.success(request, _("Your password is set. Welcome to your own pages"))
        return redirect("portal:home")
    return render(request, "portal/accept_invitation.jinja", {"form": form, "name": link.user.first_name, "username": link.user.username})


def email_link(request: HttpRequest) -> HttpResponse:
    form = EmailLinkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "member-sign-in-link", limit=settings.STAR_SIGN_IN_LINKS_PER_HOUR):
            return render(request, "portal/email_link.jinja", {"form": form, "too_many": True}, status=429)
        services.send_sign_in_link(email=form.cleaned_data["email"], request=request)
        return redirect("portal:email_link_sent")
    return render(request, "portal/email_link.jinja", {"form": form, "too_many": False})


def email_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/email_link_sent.jinja", {"minutes": settings.STAR_SIGN_IN_LINK_MINUTES})


def link_sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (so an email scanner opening the link does not use it up); POST signs in."""
    try:
        if request.method == "POST":
            user = services.use_link(token=token, purpose=MemberLink.Purpose.SIGN_IN)
            _signed_in(request, user)
            return redirect("portal:home")
        services.check_link(token=token, purpose=MemberLink.Purpose.SIGN_IN)
    except services.LinkProblem as problem:
        return _link_problem(request, problem, "sign_in")
    return render(request, "portal/link_sign_in.jinja", {})
