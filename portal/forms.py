"""Forms for the member's own pages. Labels and messages are marked for translation."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Consent
from plans.forms import RATING_CHOICES


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="We will email them a link to set up their own pages",
        error_messages={"required": "Enter their email address", "invalid": "Enter an email address like name@example.com"},
    )


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Choose a password"),
        help_text=_("Use at least 15 characters. A few words you can remember works well."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        error_messages={"required": _("Enter a password")},
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        error_messages={"required": _("Type the password again")},
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password and cleaned.get("password_again") and password != cleaned["password_again"]:
            self.add_error("password_again", _("The two passwords are different. Type the same password twice"))
        elif password:
            try:
                password_validation.validate_password(password, self.user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class EmailLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        error_messages={"required": _("Enter your email address"), "invalid": _("Enter an email address like name@example.com")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class OwnProgressForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How close are you to your goal? 0 means not started. 10 means done."),
        choices=[("", _("Choose a number")), *RATING_CHOICES],
        coerce=int,
        error_messages={"required": _("Choose a number from 0 to 10")},
    )
    note = forms.CharField(
        label=_("In your own words, what has happened?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )

    @property
    def recorded_on(self) -> date:
        return timezone.localdate()


# The same consents staff record, said in the member's own voice.
MEMBER_CONSENT_LABELS = {
    Consent.Kind.SHARE_WITH_GP: _("Share my information with my GP"),
    Consent.Kind.CONTACT_BY_TEXT: _("Contact me by text message"),
    Consent.Kind.CONTACT_BY_EMAIL: _("Contact me by email"),
    Consent.Kind.LEAVE_VOICEMAIL: _("Leave me voicemail messages"),
    Consent.Kind.EVALUATION: _("Ask me to help check how well the service works"),
    Consent.Kind.REMINDERS: _("Remind me the day before my sessions and appointments"),
    Consent.Kind.PROJECT_MESSAGES: _("Send me news from the projects I go to"),
}


class ConsentsForm(forms.Form):
    given = forms.MultipleChoiceField(
        label=_("Tick each thing you agree to"),
        choices=[(kind, MEMBER_CONSENT_LABELS[Consent.Kind(kind)]) for kind in Consent.Kind.values],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Untick anything you no longer agree to."),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=lambda: settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language")},
    )
