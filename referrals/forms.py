"""Forms for referrals: the staff form, the public self-referral form, triage and allocation."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import User
from core.date_input import DateInputField
from core.public_form import SpamGuardedForm
from core.text import IdentifyingTextField
from core.time_input import parse_time
from people.forms import _clean_phone, clean_nhs_number
from people.models import Person
from referrals.models import COMPLEXITY_DESCRIPTIONS, Complexity, Referral

STARTED_SALT = "referrals.self-referral.started"
YES_NO = [("yes", "Yes"), ("no", "No")]
CONSENT_MESSAGE_STAFF = "The person must agree to be referred. Ask them first, then record the referral"
CONSENT_MESSAGE_SELF = "Tick the box to say you agree to us getting in touch. We cannot help without it"


class NewPersonForm(forms.ModelForm[Person]):
    """The few details a referral needs to find or register the person."""

    date_of_birth = DateInputField(label="Date of birth", must_be_past=True, required=False, help_text="For example, 27 3 1990")
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        help_text="If known. This is a 10 digit number, like 485 777 3456.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "width": "10"}),
    )

    class Meta:
        model = Person
        fields = ["given_name", "family_name", "date_of_birth", "nhs_number", "phone", "email"]
        error_messages = {
            "given_name": {"required": "Enter their first name"},
            "family_name": {"required": "Enter their last name"},
            "email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    def clean_nhs_number(self) -> str:
        return clean_nhs_number(self.cleaned_data.get("nhs_number", ""))

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""), "Enter a phone number, like 0121 496 0000 or 07700 900 982")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("nhs_number"):
            cleaned["nhs_number_status"] = "02"
            self.instance.nhs_number_status = "02"
        return cleaned


class ReferralForm(forms.ModelForm[Referral]):
    received_on = DateInputField(label="Date the referral was received", help_text="For example, 27 3 2026")
    received_time = forms.CharField(
        label="Time it was received (optional)",
        required=False,
        help_text="For example, 14:30",
        widget=forms.TextInput(attrs={"width": "5"}),
    )
    consent_given = forms.BooleanField(label="The person agrees to this referral", required=False)
    referrer_name = IdentifyingTextField(label="Referrer's name", max_length=200, required=False)

    class Meta:
        model = Referral
        fields = [
            "source",
            "referrer_name",
            "referrer_role",
            "referrer_organisation",
            "referrer_contact",
            "reason_in_persons_words",
            "reason_in_referrers_words",
            "urgency",
            "interpreter_needed",
            "interpreter_language",
            "consent_given",
        ]
        labels = {
            "source": "Who made the referral?",
            "urgency": "How urgent is it?",
            "interpreter_needed": "They need an interpreter",
            "interpreter_language": "Language (if they need an interpreter)",
        }
        widgets = {
            "source": forms.RadioSelect,
            "urgency": forms.RadioSelect,
            "reason_in_persons_words": forms.Textarea(attrs={"rows": 4}),
            "reason_in_referrers_words": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"source": {"required": "Select who made the referral"}, "urgency": {"required": "Select how urgent it is"}}

    def clean_consent_given(self) -> bool:
        if not self.cleaned_data.get("consent_given"):
            raise forms.ValidationError(CONSENT_MESSAGE_STAFF)
        return True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = cleaned.get("received_on")
        raw_time = cleaned.get("received_time", "")
        at = datetime.time(9, 0)
        if raw_time:
            try:
                at = parse_time(raw_time, "Enter the time in hours and minutes, like 14:30")
            except forms.ValidationError as error:
                self.add_error("received_time", error)
        if day:
            now = timezone.now()
            received = timezone.make_aware(datetime.datetime.combine(day, at))
            if not raw_time and day == timezone.localdate() and received > now:
                received = now  # no time given for a referral received today: not later than now
            if day > timezone.localdate():
                self.add_error("received_on", "The date the referral was received must be today or in the past")
            elif received > now:
                self.add_error("received_time", "The time the referral was received must be now or earlier")
            else:
                self.instance.received_at = received
        if not cleaned.get("reason_in_persons_words") and not cleaned.get("reason_in_referrers_words"):
            self.add_error("reason_in_referrers_words", "Enter the reason for the referral, in the person's words or the referrer's")
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", "Enter the language they need an interpreter for")
        return cleaned


class SelfReferralForm(SpamGuardedForm):
    """The public form, in plain words, behind the public-form guard (`core.public_form`)."""

    started_salt = STARTED_SALT
    minimum_seconds_setting = "STAR_SELF_REFERRAL_MIN_SECONDS"
    broken_message = too_fast_message = "Check your answers, then send the form again"
    replayed_message = "This form has already been sent. Check your answers, then send the form again"

    given_name = IdentifyingTextField(label="First name", max_length=100, error_messages={"required": "Enter your first name"})
    family_name = IdentifyingTextField(label="Last name", max_length=100, error_messages={"required": "Enter your last name"})
    date_of_birth = DateInputField(label="Date of birth (optional)", must_be_past=True, required=False, help_text="For example, 27 3 1990")
    phone = forms.CharField(
        label="Phone number (optional)", max_length=30, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label="What would you like help with?",
        help_text="Tell us in your own words. A few sentences is fine.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Tell us what you would like help with"},
    )
    interpreter_needed = forms.BooleanField(label="I would like an interpreter", required=False)
    interpreter_language = forms.CharField(label="Which language? (optional)", max_length=60, required=False)
    consent_given = forms.BooleanField(
        label="I agree to the service keeping these details and getting in touch with me about support",
        required=False,
    )

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""), "Enter a phone number, like 0121 496 0000 or 07700 900 982")

    def clean_consent_given(self) -> bool:
        if not self.cleaned_data.get("consent_given"):
            raise forms.ValidationError(CONSENT_MESSAGE_SELF)
        return True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("phone") and not cleaned.get("email") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", "Enter a phone number or an email address so we can get in touch")
        return cleaned


class TriageForm(forms.Form):
    complexity = forms.TypedChoiceField(
        label="How complex is this referral?",
        coerce=int,
        choices=[(value, f"{label}. {COMPLEXITY_DESCRIPTIONS[value]}") for value, label in Complexity.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how complex the referral is"},
    )
    risk_to_self = forms.ChoiceField(
        label="Is there a risk to themselves?", choices=YES_NO, widget=forms.RadioSelect, error_messages={"required": "Select yes or no"}
    )
    risk_to_others = forms.ChoiceField(
        label="Is there a risk to other people?", choices=YES_NO, widget=forms.RadioSelect, error_messages={"required": "Select yes or no"}
    )
    risk_from_others = forms.ChoiceField(
        label="Are they at risk from someone else?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no"},
    )
    recent_crisis = forms.ChoiceField(
        label="Have they been in crisis or in hospital in the last 3 months?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no"},
    )
    risk_notes = forms.CharField(
        label="Notes on risk (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say what you know and where it came from. If there is a risk now, follow the risk and safeguarding procedures.",
    )
    decision = forms.ChoiceField(
        label="What is the decision?",
        choices=Referral.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )
    signposted_to = forms.CharField(
        label="Which drop-in, group or service? (if signposting or referring on)", required=False, max_length=200
    )
    decision_reason = forms.CharField(
        label="Reason for the decision",
        help_text="If you decline, the referrer is told this reason. Write it so they can understand it.",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision = cleaned.get("decision")
        if decision == Referral.Decision.DECLINE and not cleaned.get("decision_reason", "").strip():
            self.add_error("decision_reason", "Enter the reason for declining. The referrer will be told it")
        if decision in {Referral.Decision.SIGNPOST, Referral.Decision.ELSEWHERE} and not cleaned.get("signposted_to", "").strip():
            self.add_error("signposted_to", "Enter the drop-in, group or service they are being pointed to")
        return cleaned

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "complexity": data["complexity"],
            "risk_to_self": data["risk_to_self"] == "yes",
            "risk_to_others": data["risk_to_others"] == "yes",
            "risk_from_others": data["risk_from_others"] == "yes",
            "recent_crisis": data["recent_crisis"] == "yes",
            "risk_notes": data["risk_notes"],
            "decision": data["decision"],
            "decision_reason": data["decision_reason"],
            "signposted_to": data["signposted_to"],
        }


class WorkerChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        size = getattr(obj, "caseload_size", 0)
        return f"{obj.display_name} ({size} {'person' if size == 1 else 'people'} on their caseload)"


class AllocationForm(forms.Form):
    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"] = WorkerChoiceField(
            label="Which STR worker?",
            queryset=workers,
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={"required": "Select a worker", "invalid_choice": "Select a worker from the list"},
        )

    @property
    def chosen_worker(self) -> User:
        worker: User = self.cleaned_data["worker"]
        return worker


class ReferrerToldForm(forms.Form):
    how = forms.ChoiceField(
        label="How did you tell the referrer?",
        choices=[c for c in Referral.ToldHow.choices if c[0] != Referral.ToldHow.EMAIL],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you told the referrer"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the referral being withdrawn?",
        help_text="For example, the person has said they no longer want support",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why the referral is being withdrawn"},
    )
