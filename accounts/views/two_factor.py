"""Two-factor authentication with an authenticator app (TOTP): set up once, then checked at sign-in."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import passkeys
from accounts.forms import SecurityCodeForm, SignInCodeForm
from audit.services import Action, record_event
from core.posted import posted

# django-otp slows guessing: after each wrong code, the next is refused for a growing time.
TOO_MANY_CODES = "You have entered codes too quickly. Wait a few seconds, then enter the newest code from your app"


def _after_two_factor(request: HttpRequest) -> HttpResponse:
    return redirect(request.session.pop("star_after_two_factor", None) or "home")


def _next_url(request: HttpRequest) -> str:
    from django.urls import reverse

    return str(request.session.pop("star_after_two_factor", None) or reverse("home"))


RECOVERY_CODES = 10


def _new_recovery_codes(user: object) -> list[str]:
    """Ten one-use recovery codes for when the phone is lost; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _qr_code_data_uri(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _spaced(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    if any(True for _ in devices_for_user(user, confirmed=True)):
        return redirect("accounts:two_factor_check")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = SecurityCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_MANY_CODES)
        elif device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record_event(user=user, action=Action.TWO_FACTOR_SET_UP)
            codes = _new_recovery_codes(user)
            # Shown once, now: they are kept only as one-use tokens.
            return render(request, "accounts/two_factor_recovery_codes.jinja", {"codes": codes, "next": _next_url(request)})
        form.add_error("code", "That code did not work. Check the code in your app and enter the newest one")
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(
        request,
        "accounts/two_factor_set_up.jinja",
        {"form": form, "qr_code": _qr_code_data_uri(device.config_url), "secret": _spaced(secret)},
    )


def two_factor_check(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    if user.is_verified():  # type: ignore[attr-defined]
        return _after_two_factor(request)
    if not any(True for _ in devices_for_user(user, confirmed=True)):
        return redirect("accounts:two_factor_set_up")
    form = SignInCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        devices = list(devices_for_user(user, confirmed=True))
        if not any(device.verify_is_allowed()[0] for device in devices):
            form.add_error("code", TOO_MANY_CODES)
        elif (device := match_token(user, form.cleaned_data["code"])) is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                record_event(user=user, action=Action.SIGN_IN, detail={"step": "recovery code", "codes_left": left})
            return _after_two_factor(request)
        else:
            # A wrong second factor is a failed sign-in too (ASVS V16.3.1).
            record_event(user=user, action=Action.SIGN_IN_FAILED, detail={"step": "two-factor code"})
            form.add_error("code", "That code did not work. Check the code in your app and enter the newest one")
    has_passkey = passkeys.passkeys_of(user).exists()
    context = {"form": form, "has_passkey": has_passkey, **(passkeys.page_context(request) if has_passkey else {})}
    return render(request, "accounts/two_factor_check.jinja", context)
