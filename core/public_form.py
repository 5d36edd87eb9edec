"""The one guard for forms anyone can send without an account (self-referral, feedback, the offer
to volunteer). No puzzles: they shut out the people the service is for. Instead, in this order
(`guard`):

1. a hidden field people never fill in (a honeypot): a robot that fills it is thanked, and
   nothing is kept;
2. a limit per sender and a ceiling for the whole service (`core.ratelimit`), answered with 429;
3. a signed start value made by the server, so a form sent faster than a person could write it
   (or with a forged or missing start) is shown again;
4. each form shown can be sent once: the same form sent again with the same token gives what it
   made the first time (the view's service is idempotent by the token), and with a new token is a
   replay, refused server-side (`already_used`; `mark_used` once what it sent is saved).

A public form subclasses `SpamGuardedForm` (with its own `started_salt`, and its own words if it
needs them) and its view calls `guard`."""

from __future__ import annotations

import enum
import hashlib
import secrets
import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, QueryDict

from core.ratelimit import over_limit

STARTED_MAX_AGE = 24 * 3600  # a form older than a day is shown again


class SpamGuardedForm(forms.Form):
    started_salt = "star.public-form.started"  # each form sets its own, so start times don't transfer
    minimum_seconds_setting = "STAR_PUBLIC_FORM_MINIMUM_SECONDS"  # the setting for the least time to fill it in
    broken_message = "Something went wrong with the form. Send it again"  # a forged or missing start
    too_fast_message = "Check what you wrote, then press Send again"
    replayed_message = "This form has already been sent. Check what you wrote and press Send again"

    website = forms.CharField(label="Leave this empty", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    # One record per form shown, however many times it is sent.
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update(self.renewed())
            self.initial["token"] = uuid.uuid4()

    @property
    def is_spam(self) -> bool:
        return bool(str(self.data.get("website", "")).strip())

    def clean_started(self) -> str:
        value: str = self.cleaned_data["started"]
        signer = signing.TimestampSigner(salt=self.started_salt)
        try:
            signer.unsign(value, max_age=STARTED_MAX_AGE)
        except signing.BadSignature as error:
            raise forms.ValidationError(self.broken_message) from error
        minimum = getattr(settings, self.minimum_seconds_setting)
        if minimum <= 0:
            return value
        try:
            signer.unsign(value, max_age=minimum)
        except signing.SignatureExpired:
            return value  # old enough: a person took time to write it
        raise forms.ValidationError(self.too_fast_message)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A problem with the hidden start value is the whole form's: nothing on the page to link to.
        for message in self.errors.pop("started", []):
            self.add_error(None, message)
        return cleaned

    def _used_key(self) -> str:
        value = str(self.cleaned_data.get("started", ""))
        return "star:public-form:used:" + hashlib.sha256(f"{self.started_salt}:{value}".encode()).hexdigest()

    @property
    def already_used(self) -> bool:
        """This form (its start value) has been sent and saved before: sending it again with a new
        token is a replay, refused server-side. A form whose send failed (say the database was
        down) was never marked, so its retry goes through."""
        return cache.get(self._used_key()) is not None

    def mark_used(self) -> None:
        """Call once what the form sent is saved."""
        cache.set(self._used_key(), 1, STARTED_MAX_AGE)

    def renewed(self) -> dict[str, str]:
        """A fresh start value for a form shown (again, after an error)."""
        # A random value, so each form shown is its own (the limits count by it when the sender's
        # address is not known: core.ratelimit).
        return {"started": signing.TimestampSigner(salt=self.started_salt).sign(secrets.token_urlsafe(12))}

    def show_again(self) -> None:
        """Keep what was typed, with a new start value, so the next send can go through."""
        data: QueryDict | dict[str, Any] = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        for name, value in self.renewed().items():
            data[name] = value
        self.data = data


class Verdict(enum.Enum):
    SPAM = "spam"  # a robot filled the hidden field: thank it, keep nothing
    TOO_MANY = "too_many"  # over the limit: answer 429
    SHOW_AGAIN = "show_again"  # the form has errors (or is a replay): show it again
    SEND = "send"  # save what it sent, then call form.mark_used()


def guard(
    request: HttpRequest,
    form: SpamGuardedForm,
    *,
    scope: str,
    limit: int,
    sent_before: Callable[[uuid.UUID], bool],
    ceiling: int | None = None,
) -> Verdict:
    """Run a posted public form through the guard (see the module's docstring). `sent_before`
    says whether the form's token already made a record (the same form sent twice: let it
    through, the service gives back the first record)."""
    if form.is_spam:
        return Verdict.SPAM
    if over_limit(request, scope, limit=limit, ceiling=ceiling, form_token=str(form.data.get("started", ""))):
        return Verdict.TOO_MANY
    if form.is_valid():
        if not form.already_used or sent_before(form.cleaned_data["token"]):
            return Verdict.SEND
        form.add_error(None, form.replayed_message)
    form.show_again()
    return Verdict.SHOW_AGAIN
