"""Nothing typed is lost at a session end or a token failure (issue 14).

When a form arrives after the idle or absolute session limit, or fails the CSRF check (signed out
and in again in another tab), what was typed is kept server-side for that user and that page
(`KeptForm`), and the sign-in or "could not be sent" page says so. When the same user next opens
that page (a plain GET), `hand_over` (called by `accounts.middleware.SessionLifetimeMiddleware`)
takes the kept copy, deleting it, and puts the values on the request as `request.kept_form`.
Then, without any JavaScript:

- `core.posted.posted(request)` gives the view those values, so the form is built from them
  exactly as from the POST that could not be sent (every part of a date, every checkbox);
- an edit form keeps the version it was first opened with (`submissions.conflicts` reads the
  kept `based_on`), so a change someone else saved in the meantime is still caught, not
  overwritten; a create form gets a fresh submission key (nothing was saved with the old one);
- the layout says "We kept what you typed" (`kept_form`, a context processor).

The layout also carries the values for static/js/star.js, which fills in forms that are not
built with `posted(request)`. Nothing older
than `KEEP_FOR` is handed over; such rows are deleted whenever a form is kept, when their page is
opened, at every sign-in, and by `manage.py forget_kept_forms`.

Never kept: passwords, two-factor codes, tokens and CSRF fields, and files. The values are stored
signed with SECRET_KEY (a changed row is refused), in the database only: never logged.
"""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from accounts.models import KeptForm, User
from accounts.sessions import LAST_SEEN_AT

KEEP_FOR = timedelta(days=1)
MAX_BYTES = 200_000
SALT = "star.kept-form"
KEPT_PATHS = "star_kept_paths"
# Field names never kept, whatever form they are in.
SECRET_NAMES = re.compile(r"password|passphrase|token|csrf|otp|secret|(^|_)code$|submission_key", re.IGNORECASE)


def forget_old() -> int:
    deleted, _ = KeptForm.objects.filter(kept_at__lt=timezone.now() - KEEP_FOR).delete()
    return deleted


def keep(request: HttpRequest, user: User) -> bool:
    """Keep what this POST carried for `user` and its page; True if anything was kept."""
    if request.method != "POST" or not user.is_authenticated:
        return False
    try:
        values = {name: request.POST.getlist(name) for name in request.POST if not SECRET_NAMES.search(name)}
    except Exception:
        return False
    values = {name: items for name, items in values.items() if any(item.strip() for item in items)}
    encoded = json.dumps(values)
    if not values or len(encoded) > MAX_BYTES:
        return False
    forget_old()
    path = request.path[:500]
    KeptForm.objects.filter(user=user, path=path).delete()
    KeptForm.objects.create(user=user, path=path, data=signing.dumps(values, salt=SALT, compress=True))
    return True


def take(user: User, path: str) -> dict[str, list[str]] | None:
    """The values kept for this user and page, deleted as they are handed over (also when they are
    too old to hand over)."""
    kept = KeptForm.objects.filter(user=user, path=path[:500]).order_by("-kept_at").first()
    if kept is None:
        return None
    KeptForm.objects.filter(user=user, path=path[:500]).delete()
    try:
        values: dict[str, list[str]] = signing.loads(kept.data, salt=SALT, max_age=KEEP_FOR)
    except signing.BadSignature:  # changed, or older than a day
        return None
    return values


def note_paths(request: HttpRequest, user: User) -> None:
    """At sign-in, and after a CSRF failure: remember in the session which pages have something
    kept, so that other pages cost no query. Anything older than a day is deleted first."""
    forget_old()
    paths = sorted(set(KeptForm.objects.filter(user=user).values_list("path", flat=True)))
    if paths:
        request.session[KEPT_PATHS] = paths
    else:
        request.session.pop(KEPT_PATHS, None)


def hand_over(request: HttpRequest, user: User) -> None:
    """For a plain GET of a page something was kept for: take it (deleting it) and put it on the
    request as `request.kept_form`, a QueryDict shaped like the POST it came from. Other pages
    cost nothing: the session lists the pages that have something waiting (`note_paths`)."""
    waiting = request.session.get(KEPT_PATHS) or []
    if request.method != "GET" or request.headers.get("HX-Request") or request.path not in waiting:
        return
    request.session[KEPT_PATHS] = [path for path in waiting if path != request.path]
    values = take(user, request.path)
    if values:
        kept = QueryDict(mutable=True)
        for name, items in values.items():
            kept.setlist(name, [str(item) for item in items])
        kept._mutable = False
        request.kept_form = kept  # type: ignore[attr-defined]


def kept_form(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the kept values for the page being shown, and the idle-warning timings."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Seconds left before the idle limit, counted from the last request the server noted (it
    # notes one a minute at most: accounts.middleware), so the warning never comes too late.
    last_seen = float(request.session.get(LAST_SEEN_AT) or time.time())
    context: dict[str, Any] = {
        "session_idle_seconds": max(int(settings.SESSION_IDLE_MINUTES * 60 - (time.time() - last_seen)), 1),
        "session_full_seconds": settings.SESSION_IDLE_MINUTES * 60,
        "session_warning_seconds": settings.STAR_SESSION_WARNING_SECONDS,
    }
    kept = getattr(request, "kept_form", None)
    if kept:
        context["kept_form"] = {name: kept.getlist(name) for name in kept}
    return context
