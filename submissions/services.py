"""Idempotent writes for forms a person may send twice.

Each such form carries a hidden `submission_key`, a fresh random token per form shown. The view
wraps its service call in `once(...)`: the first POST with a key creates the object and records
the key in the same transaction; a repeat POST with that key creates nothing and gets back the
object the first one made, so the view can show the same result page. Two copies arriving at the
same moment both try to record the key; the unique constraint lets one win, the loser's whole
transaction (its object and audit rows) is rolled back and it returns the winner's object."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousOperation
from django.db import models, transaction
from django.http import HttpRequest

from submissions.models import Submission

KEY_FIELD = "submission_key"
# What a repeat of a form that already saved says, on the same result page the first send got.
ALREADY_SAVED = "This was already saved. It has not been saved twice"

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Once(Generic[M]):
    obj: M
    created: bool


def posted_key(request: HttpRequest) -> uuid.UUID | None:
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(KEY_FIELD, ""))
    except ValueError:
        return None


def key_for_form(request: HttpRequest) -> str:
    """The key to render into a form. A form shown again after an error keeps the key it was sent
    with (nothing was made with it); a fresh form gets a new one."""
    return str(posted_key(request) or uuid.uuid4())


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _earlier(request: HttpRequest, key: uuid.UUID, model: type[M]) -> M | None:
    submission = Submission.objects.filter(key=key).first()
    if submission is None:
        return None
    if submission.user_id != _user_id(request) or submission.content_type != ContentType.objects.get_for_model(model):
        # Keys are random and never shown to anyone else: a key used by someone else, or for a
        # different form, is a forged request, not a retry.
        raise SuspiciousOperation("A form key was reused by another user or form")
    return model._default_manager.filter(pk=submission.object_id).first()


def earlier(request: HttpRequest, model: type[M]) -> M | None:
    """What an earlier POST of this same form made, if it made something. Views ask first when a
    repeat would otherwise take a different path (a referral's possible-duplicates step would list
    the person the first POST just created)."""
    key = posted_key(request)
    return _earlier(request, key, model) if key is not None else None


def once(request: HttpRequest, *, model: type[M], create: Callable[[], M]) -> Once[M]:
    """Run `create` once per submission key. Without a key (an old form, a script) it just runs."""
    key = posted_key(request)
    if key is None:
        return Once(create(), created=True)
    if (earlier := _earlier(request, key, model)) is not None:
        return Once(earlier, created=False)
    try:
        with transaction.atomic():
            obj = create()
            Submission.objects.create(
                key=key, user_id=_user_id(request), content_type=ContentType.objects.get_for_model(model), object_id=str(obj.pk)
            )
    except Exception:
        # Another copy of this form got there first; ours was rolled back whole. It may have
        # failed on the submission key (IntegrityError) or earlier, on a rule the first copy now
        # breaks for it (a name now taken, a time now booked): either way the first one stands.
        if (earlier := _earlier(request, key, model)) is None:
            raise
        return Once(earlier, created=False)
    return Once(obj, created=True)
