"""Session lifetime and the two-factor requirement, applied to every request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts import kept_forms
from accounts.sessions import LAST_SEEN_AT, SIGNED_IN_AT

__all__ = ["SIGNED_IN_AT", "SessionLifetimeMiddleware", "TwoFactorRequiredMiddleware", "skips_two_factor"]

# Writing the session on every request would cost a database write per page; a minute's
# precision is plenty for a 30-minute idle limit.
LAST_SEEN_PRECISION_SECONDS = 60


class SessionLifetimeMiddleware:
    """Ends a session after `SESSION_IDLE_MINUTES` without a request (ASVS V7.3.1) and after
    `SESSION_ABSOLUTE_HOURS` however busy (V7.3.2), and says why on the sign-in page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = self._reason_to_end(request)
            if reason:
                # A form sent after the limit: keep what was typed for this user, and bring them
                # back to the page after signing in again (accounts.kept_forms).
                kept = kept_forms.keep(request, request.user)
                logout(request)
                if kept:
                    messages.info(request, f"{reason}. What you typed has been kept: sign in and you will return to your form")
                    return redirect_to_login(request.path)
                messages.info(request, reason)
                return redirect(settings.LOGIN_URL)
            # Back on a page whose form could not be sent: what was typed goes back into it.
            kept_forms.hand_over(request, request.user)
        return self.get_response(request)

    @staticmethod
    def _reason_to_end(request: HttpRequest) -> str:
        session = request.session
        now = time.time()
        signed_in_at = session.get(SIGNED_IN_AT)
        last_seen_at = session.get(LAST_SEEN_AT)
        if signed_in_at is None or last_seen_at is None:
            session[SIGNED_IN_AT] = signed_in_at or now
            session[LAST_SEEN_AT] = now
            return ""
        hours = settings.SESSION_ABSOLUTE_HOURS
        minutes = settings.SESSION_IDLE_MINUTES
        if now - float(signed_in_at) > hours * 3600:
            return f"You were signed out because you had been signed in for {hours} hours. Sign in again to carry on"
        if now - float(last_seen_at) > minutes * 60:
            return f"You were signed out because you had not used the service for {minutes} minutes. Sign in again to carry on"
        if now - float(last_seen_at) > LAST_SEEN_PRECISION_SECONDS:
            session[LAST_SEEN_AT] = now
        return ""


def skips_two_factor(user: object) -> bool:
    return bool(settings.STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR and getattr(user, "is_demo_account", False))


class TwoFactorRequiredMiddleware:
    """Staff who must use two-factor reach nothing but set-up, check and sign-out until verified."""

    ALLOWED_URL_NAMES = (
        "accounts:two_factor_set_up",
        "accounts:two_factor_check",
        "accounts:passkey_verify_begin",
        "accounts:passkey_verify_complete",
        "accounts:sign_out",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.requires_two_factor
            and not user.is_verified()  # type: ignore[attr-defined]
            and not skips_two_factor(user)
        ):
            allowed = {reverse(name) for name in self.ALLOWED_URL_NAMES}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                from django_otp import devices_for_user

                has_device = any(True for _ in devices_for_user(user, confirmed=True))
                target = "accounts:two_factor_check" if has_device else "accounts:two_factor_set_up"
                return redirect(target)
        return self.get_response(request)
