"""Authentication events belong in the audit trail (ASVS V16.3.1). These are the only signals used:
Django raises them from inside `login`/`logout`/`authenticate`, where no service of ours runs."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts import kept_forms, sessions
from audit.services import Action, record_event


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.start(request, user)
        kept_forms.note_paths(request, user)
    record_event(user=user, action=Action.SIGN_IN)


@receiver(user_logged_out)
def record_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.forget(request)
    if user is not None:
        record_event(user=user, action=Action.SIGN_OUT)


@receiver(user_login_failed)
def record_failed_sign_in(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # Never record the password; the username typed is kept to spot attacks on one account.
    username = str(credentials.get("username", ""))[:150]
    detail: dict[str, Any] = {"username": username}
    if getattr(request, "axes_locked_out", False):
        # Refused by the lockout of this account at this address, password unchecked: it does not
        # add to the account's delay (accounts.throttle), so a locked-out attacker cannot grow it.
        detail["locked_out"] = True
    record_event(user=None, action=Action.SIGN_IN_FAILED, detail=detail)
