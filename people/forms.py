from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.conf import settings
from localflavor.gb.forms import GBPostcodeField

from accounts.models import User
from accounts.roles import Role
from core.date_input import DateInputField
from people import nhs_number
from people.models import Alert, BreakGlassGrant, Consent, EqualityMonitoring, Person
from people.models.person import NHSNumberStatus

NHS_NUMBER_MESSAGES = {
    nhs_number.Problem.NOT_DIGITS: "NHS number must only contain numbers, for example 485 777 3456",
    nhs_number.Problem.WRONG_LENGTH: "NHS number must be 10 numbers",
    nhs_number.Problem.CHECK_DIGIT: "This is not a valid NHS number. Check it and try again",
    nhs_number.Problem.NOT_ISSUED: "This NHS number is not in a range the NHS issues. Check it and try again",
}


def clean_nhs_number(raw: str) -> str:
    if not raw.strip():
        return ""
    problem = nhs_number.problem_with(raw, accept_synthetic=settings.STAR_ACCEPT_SYNTHETIC_NHS_NUMBERS)
    if problem is not None:
        raise forms.ValidationError(NHS_NUMBER_MESSAGES[problem])
    return nhs_number.normalise(raw)


class PersonSearchForm(forms.Form):
    query = forms.CharField(
        label="Name, NHS number or date of birth",
        help_text="For example, Sam Jones, 485 777 3456 or 27/03/1990",
        max_length=200,
        error_messages={"required": "Enter a name, NHS number or date of birth"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


DATE_PATTERN = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
ISO_DATE_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_search(query: str) -> dict[str, Any]:
    """Split a search into name words, an NHS number and a date of birth."""
    terms: dict[str, Any] = {"names": [], "nhs_number": "", "date_of_birth": None}
    compact = nhs_number.normalise(query)
    if compact.isdigit() and len(compact) == 10:
        terms["nhs_number"] = compact
        return terms
    for word in query.split():
        match = DATE_PATTERN.match(word)
        iso = ISO_DATE_PATTERN.match(word)
        try:
            if match:
                day, month, year = (int(part) for part in match.groups())
                terms["date_of_birth"] = datetime.date(year, month, day)
                continue
            if iso:
                year, month, day = (int(part) for part in iso.groups())
                terms["date_of_birth"] = datetime.date(year, month, day)
                continue
        except ValueError:
            pass
        terms["names"].append(word)
    return terms


class PersonForm(forms.ModelForm[Person]):
    date_of_birth = DateInputField(label="Date of birth", must_be_past=True, required=False, help_text="For example, 27 3 1990")
    date_of_death = DateInputField(
        label="Date of death",
        must_be_past=True,
        required=False,
        help_text="Only if they have died. It decides how long their record is kept.",
    )
    postcode = GBPostcodeField(
        required=False,
        label="Postcode",
        error_messages={"invalid": "Enter a real postcode, like B1 1AA"},
    )
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        help_text="This is a 10 digit number, like 485 777 3456. You do not need an NHS number to get support.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "width": "10"}),
    )
    consents = forms.MultipleChoiceField(
        label="What has the person agreed to?",
        required=False,
        choices=Consent.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. They can change their mind at any time.",
    )

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "phone",
            "email",
            "preferred_contact_method",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "no_fixed_abode",
            "nhs_number",
            "nhs_number_status",
            "gp_practice_name",
            "gp_practice_code",
            "first_language",
            "interpreter_needed",
            "communication_needs",
            "emergency_contact_name",
            "emergency_contact_relationship",
            "emergency_contact_phone",
            "date_of_death",
        ]
        labels = {
            "interpreter_needed": "They need an interpreter",
            "no_fixed_abode": "They have no fixed address",
            "preferred_contact_method": "How do they prefer to be contacted?",
            "nhs_number_status": "Has the NHS number been checked?",
            "communication_needs": "Communication needs",
            "emergency_contact_name": "Emergency contact name",
            "emergency_contact_relationship": "Relationship to the person",
            "emergency_contact_phone": "Emergency contact phone number",
        }
        help_texts = {
            "preferred_name": "The name they like to be called, if different",
            "pronouns": "For example, she/her, he/him, they/them",
            "communication_needs": "For example, large print, easy read, British Sign Language, or needs someone with them",
            "first_language": "For example, English, Urdu, Punjabi, Polish",
            "gp_practice_code": "The practice's ODS code, if known, like M85001",
        }
        error_messages = {
            "given_name": {"required": "Enter their first name"},
            "family_name": {"required": "Enter their last name"},
            "email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }
        widgets = {
            "preferred_contact_method": forms.RadioSelect,
            "nhs_number_status": forms.Select,
            "communication_needs": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        }

    def __init__(self, *args: Any, consents: dict[str, bool] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if consents is not None and not self.is_bound:
            self.initial["consents"] = [kind for kind, given in consents.items() if given]

    def clean_nhs_number(self) -> str:
        return clean_nhs_number(self.cleaned_data.get("nhs_number", ""))

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""), "Enter a phone number, like 0121 496 0000 or 07700 900 982")

    def clean_emergency_contact_phone(self) -> str:
        return _clean_phone(
            self.cleaned_data.get("emergency_contact_phone", ""),
            "Enter the emergency contact's phone number, like 07700 900 982",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = cleaned.get("nhs_number")
        status = cleaned.get("nhs_number_status")
        if number and status == NHSNumberStatus.NOT_PRESENT:
            cleaned["nhs_number_status"] = NHSNumberStatus.NOT_TRACED
        if not number and "nhs_number" not in self.errors:
            cleaned["nhs_number_status"] = NHSNumberStatus.NOT_PRESENT
        if number:
            duplicate = Person.objects.filter(nhs_number=number).exclude(pk=self.instance.pk).exists()
            if duplicate:
                self.add_error("nhs_number", "Another person already has this NHS number. Check it, or search for them instead")
        born, died = cleaned.get("date_of_birth") or self.instance.date_of_birth, cleaned.get("date_of_death")
        if born and died and died < born:
            self.add_error("date_of_death", "Date of death must be the same as or after their date of birth")
        if cleaned.get("postcode") and cleaned.get("no_fixed_abode"):
            self.add_error("postcode", "Remove the postcode, or untick ‘They have no fixed address’")
        return cleaned


def clean_phone_number(raw: str) -> str:
    """A UK phone number as the person form accepts it (raises ValidationError otherwise); the
    old-system import checks with the same rule."""
    return _clean_phone(raw, "Enter a phone number, like 0121 496 0000 or 07700 900 982")


def _clean_phone(raw: str, message: str) -> str:
    value = raw.strip()
    if not value:
        return ""
    digits = re.sub(r"[\s()\-]", "", value)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    if not digits.isdigit() or not 10 <= len(digits) <= 11:
        raise forms.ValidationError(message)
    return value


class EqualityMonitoringForm(forms.ModelForm[EqualityMonitoring]):
    class Meta:
        model = EqualityMonitoring
        fields = [
            "ethnicity",
            "sex",
            "gender_identity",
            "gender_identity_other",
            "gender_same_at_birth",
            "sexual_orientation",
            "disability",
            "religion",
        ]
        labels = {
            "ethnicity": "What is their ethnic group?",
            "sex": "What is their sex?",
            "gender_identity": "What is their gender identity?",
            "gender_identity_other": "If they chose other, how do they describe their gender identity?",
            "gender_same_at_birth": "Is the gender they identify with the same as their sex registered at birth?",
            "sexual_orientation": "Which of the following best describes their sexual orientation?",
            "disability": "Do they consider themselves to have a disability?",
            "religion": "What is their religion?",
        }
        widgets = {
            "ethnicity": forms.Select,
            "sex": forms.RadioSelect,
            "gender_identity": forms.RadioSelect,
            "gender_same_at_birth": forms.RadioSelect,
            "sexual_orientation": forms.RadioSelect,
            "disability": forms.RadioSelect,
            "religion": forms.Select,
        }


class AlertForm(forms.ModelForm[Alert]):
    class Meta:
        model = Alert
        fields = ["category", "summary"]
        labels = {"category": "What kind of alert is it?", "summary": "What do staff need to know?"}
        help_texts = {"summary": "Keep it short. It shows at the top of every page about this person."}
        widgets = {"category": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "category": {"required": "Select what kind of alert it is"},
            "summary": {"required": "Enter what staff need to know", "max_length": "Keep the alert to 300 characters or fewer"},
        }


class CaseloadAddForm(forms.Form):
    worker = forms.ModelChoiceField(
        label="STR worker",
        queryset=User.objects.filter(role=Role.STR_WORKER, is_active=True),
        empty_label="Select a worker",
        error_messages={"required": "Select a worker", "invalid_choice": "Select a worker from the list"},
    )


class IdentifyPersonForm(forms.Form):
    """Who a person is, from what the user already knows: an NHS number, or last name and date of
    birth. Used with `people.access.find_exactly_one_person` (break-glass, subject access)."""

    nhs_number = forms.CharField(
        label="Their NHS number",
        required=False,
        help_text="If you know it. Otherwise give their last name and date of birth.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "width": "10"}),
    )
    family_name = forms.CharField(label="Their last name", required=False, max_length=100)
    date_of_birth = DateInputField(label="Their date of birth", must_be_past=True, required=False)

    def clean_nhs_number(self) -> str:
        return clean_nhs_number(self.cleaned_data.get("nhs_number", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("nhs_number") and "nhs_number" not in self.errors:
            if not cleaned.get("family_name"):
                self.add_error("family_name", "Enter their last name, or their NHS number")
            if not cleaned.get("date_of_birth") and "date_of_birth" not in self.errors:
                self.add_error("date_of_birth", "Enter their date of birth, or their NHS number")
        return cleaned


class BreakGlassForm(IdentifyPersonForm):
    reason_code = forms.ChoiceField(
        label="Why do you need emergency access?",
        choices=BreakGlassGrant.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you need emergency access"},
    )
    reason = forms.CharField(
        label="Explain why",
        help_text="Your service manager will read this. Access ends automatically.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Explain why you need emergency access"},
    )


class BreakGlassReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was this emergency access appropriate?",
        choices=BreakGlassGrant.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the access was appropriate"},
    )
    note = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
