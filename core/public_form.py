"""Guards for forms anyone can send without an account: a hidden field people never fill in (a
honeypot) and a signed start value made by the server, so a form sent faster than a person could
write it is asked again, and each form shown can be sent once (`already_used`/`mark_used`: a replay of the same
form is refused, server-side). No puzzles: they shut out the people the service is for."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache

STARTED_MAX_AGE = 24 * 3600  # a form older than a day is shown again


class SpamGuardedForm(forms.Form):
    started_salt = "star.public-form.started"  # each form sets its own, so start times don't transfer

    website = forms.CharField(label="Leave this empty", required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update(self.renewed())

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean_started(self) -> str:
        value: str = self.cleaned_data["started"]
        signer = signing.TimestampSigner(salt=self.started_salt)
        try:
            signer.unsign(value, max_age=STARTED_MAX_AGE)
        except signing.BadSignature as error:
            raise forms.ValidationError("Something went wrong with the form. Send it again") from error
        minimum = settings.STAR_PUBLIC_FORM_MINIMUM_SECONDS
        if minimum <= 0:
            return value
        try:
            signer.unsign(value, max_age=minimum)
        except signing.SignatureExpired:
            return value  # old enough: a person took time to write it
        raise forms.ValidationError("Check what you wrote, then press Send again")

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
        """A fresh start time for a form shown again after an error."""
        # A random value, so each form shown is its own (the public forms' limits count by it when
        # the sender's address is not known: core.ratelimit).
        return {"started": signing.TimestampSigner(salt=self.started_salt).sign(secrets.token_urlsafe(12))}
