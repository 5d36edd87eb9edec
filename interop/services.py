"""Making, revoking and using API tokens. Every change and every use is audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, time

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from audit.services import Action, record_event
from interop.models import SCOPES, ApiToken, CrisisPlanSent
from plans.models import CrisisPlanShare

TOKEN_PREFIX = "star_"  # noqa: S105 (the visible start of every token, not a secret)  # nosec B105
SERVICE_ACCOUNT_PREFIX = "service-"
# A service account acts with one of these roles, so it sees what such a member of staff would.
SERVICE_ACCOUNT_ROLES = (Role.STR_WORKER, Role.MANAGER)


class TokenError(Exception):
    """A token cannot be made or changed as asked."""


class SharingRefused(Exception):
    """A crisis plan cannot go to a recipient the person has not agreed to."""


def hash_secret(secret: str) -> str:
    """Tokens are long random strings, so a fast hash is enough (no dictionary to attack)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def service_account_username(name: str) -> str:
    return f"{SERVICE_ACCOUNT_PREFIX}{slugify(name)[:100]}"


def _service_account(*, name: str, role: str) -> User:
    username = service_account_username(name)
    account = User.objects.filter(username=username).first()
    if account is None:
        account = User(username=username, first_name=name[:150], role=role)
        account.set_unusable_password()
        account.save()
    elif account.role != role:
        raise TokenError(f"The service account {name} acts as {account.role_label}. Choose that role, or give the account a new name")
    return account


@transaction.atomic
def create_api_token(
    *, by: User, name: str, service_account_name: str, role: str, scopes: list[str], expires_on: date
) -> tuple[ApiToken, str]:
    """A new token and its secret. The secret is returned once and never stored."""
    if role not in SERVICE_ACCOUNT_ROLES:
        raise TokenError("Choose the role the service account acts as")
    unknown = set(scopes) - SCOPES
    if unknown or not scopes:
        raise TokenError("Choose at least one thing the token may do")
    expires_at = timezone.make_aware(datetime.combine(expires_on, time(23, 59, 59)))
    if expires_at <= timezone.now():
        raise TokenError("Enter an expiry date in the future")
    account = _service_account(name=service_account_name, role=role)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name,
        service_account=account,
        token_hash=hash_secret(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=by,
    )
    record_event(user=by, action=Action.CREATE, obj=token, detail={"scopes": token.scopes, "service_account": account.username})
    return token, secret


def revoke_api_token(*, by: User, token: ApiToken) -> ApiToken:
    if token.is_revoked:
        raise TokenError("This token has already been revoked")
    token.revoked_at = timezone.now()
    token.revoked_by = by
    token.save(update_fields=["revoked_at", "revoked_by"])
    record_event(user=by, action=Action.UPDATE, obj=token, detail={"revoked": True})
    return token


def expire_api_token_now(*, by: User, token: ApiToken) -> ApiToken:
    """End a token today without revoking it (for example when a contract ends early)."""
    if token.is_revoked or token.is_expired:
        raise TokenError("This token can no longer be used")
    token.expires_at = timezone.now()
    token.save(update_fields=["expires_at"])
    record_event(user=by, action=Action.UPDATE, obj=token, detail={"expired": True})
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The token with this secret, whatever its state (the caller decides what to refuse)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    return ApiToken.objects.select_related("service_account").filter(token_hash=hash_secret(secret)).first()


def record_token_use(*, token: ApiToken, request: HttpRequest) -> None:
    """Every use of a token is in the audit trail, with the service account as the actor."""
    token.last_used_at = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    action = Action.VIEW if request.method in ("GET", "HEAD", "OPTIONS") else Action.CREATE
    record_event(
        user=token.service_account,
        action=action,
        obj=token,
        detail={"api_token": token.pk, "method": request.method or "", "query": request.META.get("QUERY_STRING", "")[:300]},
    )


def send_crisis_plan(*, by: User, share: CrisisPlanShare, format: str) -> CrisisPlanSent:
    """Record (and audit) that the crisis plan left STaR for a recipient the person agreed to."""
    if not share.consent_given or share.is_withdrawn:
        raise SharingRefused("The person has not agreed to share their crisis plan with this recipient")
    if share.needs_fresh_consent:
        raise SharingRefused(
            "The crisis plan has changed since the person agreed to share it with this recipient. Ask them again before you send it"
        )
    sent = CrisisPlanSent.objects.create(share=share, person_id=share.plan.person_id, format=format, sent_by=by)
    record_event(
        user=by,
        action=Action.EXPORT,
        person_id=share.plan.person_id,
        obj=share,
        detail={"format": format, "recipient": share.recipient_name[:100], "organisation": share.organisation[:100]},
    )
    return sent
