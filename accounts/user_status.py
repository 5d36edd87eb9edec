"""What the administrator's users page shows of each account (issue 18): last sign-in, which second
factors it has, whether it is locked out or slowed, and how many sessions are live. Worked out for
a whole page at once, in a fixed number of queries whatever the number of users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import throttle
from accounts.models import SignedInSession, User
from accounts.roles import ROLES_REQUIRING_TWO_FACTOR
from audit.models import AuditEvent


def _count(queryset: QuerySet[Any], by: str) -> Coalesce:
    grouped = queryset.order_by().values(by).annotate(number=Count("pk")).values("number")
    return Coalesce(Subquery(grouped, output_field=IntegerField()), Value(0))


def with_status(users: QuerySet[User]) -> QuerySet[User]:
    """Annotated with passkeys, has_app, has_recovery_codes, recovery_codes_left and live_sessions."""
    live_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return users.annotate(
        passkeys=_count(WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True), "user"),
        has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        has_recovery_codes=Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        recovery_codes_left=_count(StaticToken.objects.filter(device__user=OuterRef("pk"), device__confirmed=True), "device__user"),
        live_sessions=_count(SignedInSession.objects.filter(user=OuterRef("pk"), session_key__in=live_keys), "user"),
    )


def without_two_factor(users: QuerySet[User]) -> QuerySet[User]:
    """Staff who must use two-factor but have neither an app nor a passkey (annotated by `with_status`)."""
    return users.filter(Q(has_app=False), Q(passkeys=0), role__in=ROLES_REQUIRING_TWO_FACTOR)  # annotated names


@dataclass(frozen=True)
class Lock:
    locked_out: bool  # at one or more addresses, by django-axes, until the cool-off ends
    wait_seconds: int  # the account's growing delay between attempts (accounts.throttle)

    @property
    def text(self) -> str:
        parts = []
        if self.locked_out:
            parts.append(f"Locked out at an address for up to {int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} minutes")
        if self.wait_seconds:
            parts.append(f"Slowed: next try in {self.wait_seconds} seconds")
        return ". ".join(parts)


def locks() -> dict[str, Lock]:
    """Every account locked out or slowed now, by lower-case username: two queries."""
    now = timezone.now()
    locked_out = {
        str(name).lower()
        for name in AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=now - settings.AXES_COOLOFF_TIME
        ).values_list("username", flat=True)
        if name
    }
    waits: dict[str, int] = {}
    failures = (
        AuditEvent.objects.filter(occurred_at__gte=now - throttle.WINDOW, action=AuditEvent.Action.SIGN_IN_FAILED)
        .exclude(detail__has_key="locked_out")
        .annotate(name=Lower(KeyTextTransform("username", "detail")))
        .exclude(name__isnull=True)
        .order_by()
        .values("name")
        .annotate(count=Count("id"), last=Max("occurred_at"))
    )
    for row in failures:
        wait = _remaining(row["last"], throttle.delay_after(row["count"]), now)
        if wait:
            waits[row["name"]] = wait
    return {name: Lock(locked_out=name in locked_out, wait_seconds=waits.get(name, 0)) for name in locked_out | set(waits)}


def _remaining(last: datetime, delay: int, now: datetime) -> int:
    remaining = (last + timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(remaining + 0.999))


def two_factor_text(user: User) -> list[str]:
    """The factors an account (annotated by `with_status`) has, in words."""
    factors = []
    passkeys = getattr(user, "passkeys", 0)
    if passkeys:
        factors.append(f"{passkeys} {'passkey' if passkeys == 1 else 'passkeys'}")
    if getattr(user, "has_app", False):
        factors.append("Authenticator app")
    if getattr(user, "has_recovery_codes", False):
        left = getattr(user, "recovery_codes_left", 0)
        factors.append(f"{left} recovery {'code' if left == 1 else 'codes'} left")
    return factors


def locked_filter(users: QuerySet[User], current: dict[str, Lock]) -> QuerySet[User]:
    return users.annotate(lower_username=Lower("username")).filter(lower_username__in=list(current))
