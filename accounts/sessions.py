"""Every signed-in session is remembered against its user, so sessions can be ended by user.

Sessions live in the database (`SESSION_ENGINE`); ending one deletes its row, so the cookie the
browser holds no longer signs anyone in.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import SignedInSession, User

SIGNED_IN_AT = "star_signed_in_at"
LAST_SEEN_AT = "star_last_seen_at"


def start(request: HttpRequest, user: User) -> None:
    """Called once the session key has been rotated by `login()`."""
    session = request.session
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now
    # The session row and cookie end at the absolute lifetime, however busy the user is (V7.3.2).
    session.set_expiry(timezone.now() + timedelta(hours=settings.SESSION_ABSOLUTE_HOURS))
    if session.session_key is None:
        session.save()
    SignedInSession.objects.update_or_create(session_key=session.session_key, defaults={"user": user})


def rekey(old_key: str | None, new_key: str | None, *, user: User) -> None:
    """Follow a session whose key was rotated while signed in (a password change)."""
    SignedInSession.objects.filter(session_key=old_key).delete()
    if new_key:
        SignedInSession.objects.update_or_create(session_key=new_key, defaults={"user": user})


def forget(request: HttpRequest) -> None:
    key = request.session.session_key
    if key:
        SignedInSession.objects.filter(session_key=key).delete()


def active_count(user: User) -> int:
    keys = SignedInSession.objects.filter(user=user).values("session_key")
    return Session.objects.filter(session_key__in=keys, expire_date__gt=timezone.now()).count()


def end_all(user: User, *, keep: str | None = None) -> int:
    """End every session of `user` except the one whose key is `keep`; returns how many were live."""
    records = SignedInSession.objects.filter(user=user)
    if keep:
        records = records.exclude(session_key=keep)
    sessions = Session.objects.filter(session_key__in=list(records.values_list("session_key", flat=True)))
    live = sessions.filter(expire_date__gt=timezone.now()).count()
    sessions.delete()
    records.delete()
    return live
