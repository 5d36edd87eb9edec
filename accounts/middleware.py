"""Session lifetime and the two-factor requirement, applied to every request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SIGNED_IN_AT = "star_signed_in_at"


class SessionLifetimeMiddleware:
    """Ends a session after its absolute lifetime (ASVS V7.3.2).

    The idle timeout needs no code: the session cookie and record expire `SESSION_COOKIE_AGE`
    seconds after the last request because every request saves the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            limit = settings.SESSION_ABSOLUTE_HOURS * 3600
            if signed_in_at is None:
                request.session[SIGNED_IN_AT] = time.time()
            elif time.time() - float(signed_in_at) > limit:
                logout(request)
                messages.info(request, "You have been signed out because you were signed in for a long time.")
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


def skips_two_factor(user: object) -> bool:
    return bool(settings.STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR and getattr(user, "is_demo_account", False))


class TwoFactorRequiredMiddleware:
    """Staff who must use two-factor reach nothing but set-up, check and sign-out until verified."""

    ALLOWED_URL_NAMES = ("accounts:two_factor_set_up", "accounts:two_factor_check", "accounts:sign_out")

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
