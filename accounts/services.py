"""Changes to accounts, each audited."""

from __future__ import annotations

from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.services import Action, record_event


def create_user(
    *,
    by: User,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    is_active: bool = True,
    request: HttpRequest | None = None,
) -> User:
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        is_active=is_active,
    )
    record_event(user=by, action=Action.USER_CREATED, obj=user, detail={"role": role}, request=request)
    return user


def update_user(*, by: User, user: User, changed: list[str], request: HttpRequest | None = None) -> User:
    user.save()
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail={"changed": changed}, request=request)
    return user


def reset_two_factor(*, by: User, user: User, request: HttpRequest | None = None) -> int:
    """Remove the user's authenticator so they set up a new one at their next sign-in."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    record_event(user=by, action=Action.TWO_FACTOR_RESET, obj=user, request=request)
    return removed
