"""Passkeys: adding, naming and removing them on the account page, and using one at the two-factor step.

The four JSON endpoints are django-otp-webauthn's views (the browser script posts to them), wrapped so
that only staff who use two-factor reach them, every use is audited and the sign-in carries on to the
page the person was going to."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential

from accounts import passkeys
from accounts.access import acting_user, signed_in
from accounts.forms import ConfirmItIsYouForm, PasskeyNameForm, SignInCodeForm
from accounts.models import User
from accounts.views.two_factor import _next_url
from audit.services import Action, record_event
from core.posted import posted


def _staff(request: HttpRequest) -> User:
    user = acting_user(request)
    if not user.requires_two_factor:
        raise PermissionDenied  # members sign in with emailed links; passkeys are for staff
    return user


class _RegisterBegin(webauthn.BeginCredentialRegistrationView):  # type: ignore[misc]  # django-otp-webauthn ships no types
    pass


class _RegisterComplete(webauthn.CompleteCredentialRegistrationView):  # type: ignore[misc]  # django-otp-webauthn ships no types
    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(*args, **kwargs)
        passkey = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"])
        passkeys.record_passkey_added(user=acting_user(self.request), passkey=passkey)
        return JsonResponse({"id": passkey.pk, "name_url": reverse("accounts:passkey_name", kwargs={"passkey_id": passkey.pk})})


class _VerifyBegin(webauthn.BeginCredentialAuthenticationView):  # type: ignore[misc]  # django-otp-webauthn ships no types
    pass


class _VerifyComplete(webauthn.CompleteCredentialAuthenticationView):  # type: ignore[misc]  # django-otp-webauthn ships no types
    def complete_auth(self, device: Any) -> None:
        otp_login(self.request, device)
        record_event(user=device.user, action=Action.SIGN_IN, detail={"step": "passkey", "passkey": device.pk})

    def get_success_url(self) -> str:
        return _next_url(self.request)

    def handle_exception(self, exc: Exception) -> HttpResponse:
        if isinstance(exc, OTPWebAuthnApiError):
            # A passkey that did not check out is a failed second factor (ASVS V16.3.1).
            record_event(user=self.request.user, action=Action.SIGN_IN_FAILED, detail={"step": "passkey", "code": exc.code})
        response: HttpResponse = super().handle_exception(exc)
        return response


@require_POST
@signed_in
def passkey_register_begin(request: HttpRequest) -> HttpResponse:
    _staff(request)
    response: HttpResponse = _RegisterBegin.as_view()(request)
    return response


@require_POST
@signed_in
def passkey_register_complete(request: HttpRequest) -> HttpResponse:
    _staff(request)
    response: HttpResponse = _RegisterComplete.as_view()(request)
    return response


@require_POST
@signed_in
def passkey_verify_begin(request: HttpRequest) -> HttpResponse:
    _staff(request)
    response: HttpResponse = _VerifyBegin.as_view()(request)
    return response


@require_POST
@signed_in
def passkey_verify_complete(request: HttpRequest) -> HttpResponse:
    _staff(request)
    response: HttpResponse = _VerifyComplete.as_view()(request)
    return response


def _own_passkey(request: HttpRequest, passkey_id: int) -> tuple[User, WebAuthnCredential]:
    user = _staff(request)
    return user, get_object_or_404(passkeys.passkeys_of(user), pk=passkey_id)


@signed_in
def passkey_name(request: HttpRequest, passkey_id: int) -> HttpResponse:
    user, passkey = _own_passkey(request, passkey_id)
    form = PasskeyNameForm(posted(request), initial={"name": passkey.name})
    if request.method == "POST" and form.is_valid():
        passkeys.rename_passkey(user=user, passkey=passkey, name=form.cleaned_data["name"])
        messages.success(request, f"Your passkey is called \u201c{passkey.name}\u201d")
        return redirect("accounts:account")
    return render(request, "accounts/passkey_name.jinja", {"form": form, "passkey": passkey})


@signed_in
def passkey_remove(request: HttpRequest, passkey_id: int) -> HttpResponse:
    user, passkey = _own_passkey(request, passkey_id)
    has_password = user.has_usable_password()
    form: ConfirmItIsYouForm | SignInCodeForm = (
        ConfirmItIsYouForm(posted(request), user=user) if has_password else SignInCodeForm(posted(request))
    )
    if request.method == "POST" and form.is_valid():
        if has_password or match_token(user, form.cleaned_data["code"]) is not None:
            name = passkey.name
            passkeys.remove_passkey(user=user, passkey=passkey)
            messages.success(request, f"\u201c{name}\u201d has been removed. It can no longer be used to sign in")
            return redirect("accounts:account")
        form.add_error("code", "That code did not work. Enter the newest code from your app, or a recovery code")
    return render(request, "accounts/passkey_remove.jinja", {"form": form, "passkey": passkey, "has_password": has_password})
