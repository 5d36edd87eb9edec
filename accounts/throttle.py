"""Sign-in protection for an account on its own, whatever address the attempts come from.

django-axes locks one account at one client address (settings: AXES_LOCKOUT_PARAMETERS). An account
tried from many addresses is slowed, never locked: after as many failures as lock one address, each further
attempt must wait longer (2 s, 4 s, 8 s … up to STAR_SIGN_IN_DELAY_MAX_SECONDS), so nobody can lock a named
colleague out, and guessing stays slow. A burst of failures across the service shows on the
administrator's home page. Counted from the audit trail's failed sign-ins, which every worker
process shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from audit.models import AuditEvent

WINDOW = timedelta(hours=1)
BURST_WINDOW = timedelta(minutes=15)


def _failures(username: str) -> tuple[int, datetime | None]:
    since = timezone.now() - WINDOW
    found = (
        AuditEvent.objects.filter(occurred_at__gte=since, action=AuditEvent.Action.SIGN_IN_FAILED, detail__username__iexact=username[:150])
        .exclude(detail__has_key="locked_out")
        .aggregate(count=Count("id"), last=Max("occurred_at"))
    )
    return int(found["count"] or 0), found["last"]


def delay_after(failures: int) -> int:
    """Seconds an account must wait after this many recent failures."""
    over = failures - settings.STAR_SIGN_IN_DELAY_AFTER
    if over <= 0:
        return 0
    return int(min(2**over, settings.STAR_SIGN_IN_DELAY_MAX_SECONDS))


def seconds_to_wait(username: str) -> int:
    """0 if this account may try now; otherwise how many more seconds until it may."""
    if not username:
        return 0
    count, last = _failures(username)
    if last is None:
        return 0
    ready = last + timedelta(seconds=delay_after(count))
    remaining = (ready - timezone.now()).total_seconds()
    return max(0, int(remaining + 0.999))


@dataclass(frozen=True)
class Burst:
    failures: int
    accounts: int
    addresses: int
    minutes: int


def sign_in_burst() -> Burst | None:
    """Failed sign-ins across the service in the last 15 minutes, if there were a burst of them."""
    since = timezone.now() - BURST_WINDOW
    recent = AuditEvent.objects.filter(occurred_at__gte=since, action=AuditEvent.Action.SIGN_IN_FAILED)
    failures = recent.count()
    if failures < settings.STAR_SIGN_IN_BURST:
        return None
    accounts = len({str((event or {}).get("username", "")).lower() for event in recent.values_list("detail", flat=True)[:5000]})
    addresses = recent.values("ip_address").distinct().count()
    return Burst(failures=failures, accounts=accounts, addresses=addresses, minutes=int(BURST_WINDOW.total_seconds() // 60))
