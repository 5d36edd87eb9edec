from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import throttle
from accounts.forms import SignInForm
from accounts.middleware import skips_two_factor
from core.posted import posted


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignInForm(posted(request))
    if request.method == "POST" and form.is_valid():
        wait = throttle.seconds_to_wait(form.cleaned_data["username"])
        if wait:
            # Slowed, not locked: the account's owner can still sign in once the wait is over.
            form.add_error(None, f"Too many wrong passwords for this account. Wait {wait} seconds, then try again")
            return render(request, "accounts/sign_in.jinja", {"form": form, "next": _safe_next(request) or ""}, status=429)
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            # One message whether the username or the password was wrong (no account enumeration).
            form.add_error(None, "The username or password is not right. Check them and try again")
        else:
            # Rotates the session key (ASVS V7.2.4); `accounts.signals` then starts its lifetime.
            login(request, user)
            next_url = _safe_next(request)
            if user.requires_two_factor and not skips_two_factor(user):
                if next_url:
                    request.session["star_after_two_factor"] = next_url
                return redirect("accounts:two_factor_check")
            return redirect(next_url or "home")
    return render(request, "accounts/sign_in.jinja", {"form": form, "next": _safe_next(request) or ""})


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """Shown by django-axes once an account has had too many failed attempts."""
    return render(request, "accounts/locked_out.jinja", status=429)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("accounts:sign_in")
