"""The signed-in user's own account: their sessions and their password (ASVS V7.4.3)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import passkeys, services, sessions
from accounts.access import acting_user, signed_in
from accounts.forms import ChangePasswordForm
from core.posted import posted


def _ended_message(ended: int) -> str:
    if ended == 0:
        return "You were not signed in anywhere else"
    return f"You have been signed out of {ended} other {'session' if ended == 1 else 'sessions'}"


@signed_in
def account(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    other_sessions = max(sessions.active_count(user) - 1, 0)
    return render(
        request,
        "accounts/account.jinja",
        {
            "account": user,
            "other_sessions": other_sessions,
            "has_password": user.has_usable_password(),
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
            "absolute_hours": settings.SESSION_ABSOLUTE_HOURS,
            "uses_two_factor": user.requires_two_factor,
            "passkey_list": list(passkeys.passkeys_of(user)) if user.requires_two_factor else [],
            **(passkeys.page_context(request) if user.requires_two_factor else {}),
        },
    )


@signed_in
def change_password(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not user.has_usable_password():
        return redirect("accounts:account")
    form = ChangePasswordForm(posted(request), user=user)
    if request.method == "POST" and form.is_valid():
        ended = services.change_own_password(user=user, password=form.cleaned_data["new_password"], request=request)
        messages.success(request, f"Your password has been changed. {_ended_message(ended)}")
        return redirect("accounts:account")
    return render(request, "accounts/change_password.jinja", {"form": form})


@require_POST
@signed_in
def sign_out_other_sessions(request: HttpRequest) -> HttpResponse:
    ended = services.sign_out_other_sessions(user=acting_user(request), request=request)
    messages.success(request, _ended_message(ended))
    return redirect("accounts:account")


@require_POST
@signed_in
def stay_signed_in(request: HttpRequest) -> HttpResponse:
    """The idle warning's "Stay signed in" button (WCAG 2.2.1): this request counts as activity."""
    request.session[sessions.LAST_SEEN_AT] = time.time()
    return HttpResponse(status=204)
