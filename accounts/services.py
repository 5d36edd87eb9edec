"""Changes to accounts, each audited."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sessions
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
    detail: dict[str, object] = {"changed": changed}
    if not user.is_active:
        # A disabled account is signed out everywhere at once (ASVS V7.4.2).
        detail["sessions_ended"] = sessions.end_all(user)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail=detail, request=request)
    return user


def end_sessions(*, by: User, user: User, request: HttpRequest | None = None) -> int:
    """An administrator signs a user out everywhere (ASVS V7.4.5)."""
    ended = sessions.end_all(user)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail={"sessions_ended": ended}, request=request)
    return ended


def set_password(*, by: User, user: User, password: str, request: HttpRequest | None = None) -> int:
    """An administrator gives a user a new password (they forgot theirs). Their two-factor app is
    kept, so the new password alone never lets anyone in (ASVS V6.4.3); their sessions end."""
    user.set_password(password)
    user.save(update_fields=["password"])
    ended = sessions.end_all(user)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail={"changed": ["password"], "sessions_ended": ended}, request=request)
    return ended


def change_own_password(*, user: User, password: str, request: HttpRequest) -> int:
    """The user changes their own password: this session carries on, every other one ends
    (ASVS V7.4.3). Django would refuse the other sessions anyway once the password hash changes;
    deleting them also removes them from the store."""
    user.set_password(password)
    user.save(update_fields=["password"])
    old_key = request.session.session_key
    update_session_auth_hash(request, user)  # rotates this session's key
    sessions.rekey(old_key, request.session.session_key, user=user)
    ended = sessions.end_all(user, keep=request.session.session_key)
    record_event(
        user=user, action=Action.USER_UPDATED, obj=user, detail={"changed": ["password"], "sessions_ended": ended}, request=request
    )
    return ended


def sign_out_other_sessions(*, user: User, request: HttpRequest) -> int:
    ended = sessions.end_all(user, keep=request.session.session_key)
    record_event(user=user, action=Action.USER_UPDATED, obj=user, detail={"sessions_ended": ended}, request=request)
    return ended


def reset_two_factor(*, by: User, user: User, request: HttpRequest | None = None) -> int:
    """Remove the user's authenticator so they set up a new one at their next sign-in."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    # Usually a lost phone: whoever holds it may be signed in, so end every session too.
    ended = sessions.end_all(user)
    record_event(user=by, action=Action.TWO_FACTOR_RESET, obj=user, detail={"sessions_ended": ended}, request=request)
    return removed
