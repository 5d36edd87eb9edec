"""Changes to accounts, each audited."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import sessions
from accounts.models import RoleChange, Service, Team, User
from accounts.roles import CLINICAL_ROLES, Capability, can
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
) -> User:
    """A new account. One for a role that reads clinical records is made inactive, and becomes
    active only when a service manager approves the role (`approve_role_change`)."""
    needs_approval = role in CLINICAL_ROLES
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        is_active=is_active and not needs_approval,
    )
    record_event(user=by, action=Action.USER_CREATED, obj=user, detail={"role": role})
    if needs_approval:
        _ask_for_approval(by=by, user=user, from_role="", to_role=role, activate=is_active)
    return user


class RoleChangeRefused(Exception):
    """This role change may not be made, or not by this user."""


def _ask_for_approval(*, by: User, user: User, from_role: str, to_role: str, activate: bool) -> RoleChange:
    change = RoleChange.objects.create(user=user, from_role=from_role, to_role=to_role, activate_on_approval=activate, requested_by=by)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail={"role_change_requested": to_role, "from": from_role})
    return change


def request_role_change(*, by: User, user: User, to_role: str) -> RoleChange | None:
    """Change an account's role. To a role that reads clinical records it only asks for a
    service manager's approval (None means it was applied at once); nobody gives one to themselves."""
    from_role = user.role
    if to_role == from_role:
        return None
    if to_role in CLINICAL_ROLES:
        if by.pk == user.pk:
            raise RoleChangeRefused("You cannot give yourself a role that reads clinical records. Ask a service manager")
        return _ask_for_approval(by=by, user=user, from_role=from_role, to_role=to_role, activate=False)
    user.role = to_role
    user.save(update_fields=["role"])
    sessions.end_all(user)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail={"role": to_role, "from": from_role})
    return None


@transaction.atomic
def decide_role_change(*, by: User, change: RoleChange, approve: bool) -> RoleChange:
    """A service manager, not the one who asked and not the account's holder, approves or refuses."""
    if not can(by, Capability.APPROVE_ROLE_CHANGES):
        raise RoleChangeRefused("Only a service manager can approve a role that reads clinical records")
    if by.pk in {change.requested_by_id, change.user_id}:
        raise RoleChangeRefused("Someone else must decide this: you asked for it, or it is your own account")
    if change.status != RoleChange.Status.PENDING:
        raise RoleChangeRefused("This has already been decided")
    change.status = RoleChange.Status.APPROVED if approve else RoleChange.Status.REFUSED
    change.decided_by, change.decided_at = by, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    user = change.user
    if approve:
        user.role = change.to_role
        fields = ["role"]
        if change.activate_on_approval:
            user.is_active = True
            fields.append("is_active")
        user.save(update_fields=fields)
        sessions.end_all(user)  # the new role starts with a fresh sign-in (and two-factor)
    record_event(
        user=by,
        action=Action.USER_UPDATED,
        obj=user,
        detail={"role_change": change.status, "to": change.to_role, "asked_by": change.requested_by_id},
    )
    return change


def update_user(*, by: User, user: User, changed: list[str]) -> User:
    user.save()
    detail: dict[str, object] = {"changed": changed}
    if not user.is_active:
        # A disabled account is signed out everywhere at once (ASVS V7.4.2).
        detail["sessions_ended"] = sessions.end_all(user)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail=detail)
    return user


def end_sessions(*, by: User, user: User) -> int:
    """An administrator signs a user out everywhere (ASVS V7.4.5)."""
    ended = sessions.end_all(user)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail={"sessions_ended": ended})
    return ended


def set_password(*, by: User, user: User, password: str) -> int:
    """An administrator gives a user a new password (they forgot theirs). Their two-factor app is
    kept, so the new password alone never lets anyone in (ASVS V6.4.3); their sessions end."""
    user.set_password(password)
    user.save(update_fields=["password"])
    ended = sessions.end_all(user)
    record_event(user=by, action=Action.USER_UPDATED, obj=user, detail={"changed": ["password"], "sessions_ended": ended})
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
    record_event(user=user, action=Action.USER_UPDATED, obj=user, detail={"changed": ["password"], "sessions_ended": ended})
    return ended


def sign_out_other_sessions(*, user: User, request: HttpRequest) -> int:
    ended = sessions.end_all(user, keep=request.session.session_key)
    record_event(user=user, action=Action.USER_UPDATED, obj=user, detail={"sessions_ended": ended})
    return ended


def reset_two_factor(*, by: User, user: User) -> int:
    """Remove the user's authenticator so they set up a new one at their next sign-in."""
    removed: int
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # the old recovery codes go too
    WebAuthnCredential.objects.filter(user=user).delete()  # and the passkeys: a lost phone may hold one
    # Usually a lost phone: whoever holds it may be signed in, so end every session too.
    ended = sessions.end_all(user)
    record_event(user=by, action=Action.TWO_FACTOR_RESET, obj=user, detail={"sessions_ended": ended})
    return removed


def add_service(*, by: User, name: str) -> Service:
    """A new service (for example a city's STR service), to hold teams (docs/teams.md)."""
    service = Service.objects.create(name=name)
    record_event(user=by, action=Action.CREATE, obj=service, detail={"service": name})
    return service


def add_team(*, by: User, service: Service, name: str) -> Team:
    team = Team.objects.create(service=service, name=name)
    record_event(user=by, action=Action.CREATE, obj=team, detail={"team": name, "service": service.pk})
    return team


def place_user(*, by: User, user: User, service: Service | None, team: Team | None) -> User:
    """Put a user in a team (and so its service), a whole service, or neither (not limited).
    Their service always matches their team's."""
    if team is not None:
        service = team.service
    before = {"service": user.service_id, "team": user.team_id}
    user.service, user.team = service, team
    user.save(update_fields=["service", "team"])
    record_event(
        user=by,
        action=Action.USER_UPDATED,
        obj=user,
        detail={"place": {"service": user.service_id, "team": user.team_id}, "from": before},
    )
    return user
