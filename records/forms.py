from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from core.date_input import DateInputField
from people.forms import clean_nhs_number


class NewSubjectAccessRequestForm(forms.Form):
    requested_by = forms.CharField(
        label="Who made the request?",
        help_text="The person themselves, or their representative's name and role",
        max_length=200,
        error_messages={"required": "Enter who made the request"},
    )
    received_on = DateInputField(label="Date the request was received", required=True, help_text="For example, 3 11 2026")
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

    def clean_received_on(self) -> Any:
        received = self.cleaned_data.get("received_on")
        if received and received > timezone.localdate():
            raise forms.ValidationError("The date the request was received must be today or in the past")
        return received

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("nhs_number") and "nhs_number" not in self.errors:
            if not cleaned.get("family_name"):
                self.add_error("family_name", "Enter their last name, or their NHS number")
            if not cleaned.get("date_of_birth") and "date_of_birth" not in self.errors:
                self.add_error("date_of_birth", "Enter their date of birth, or their NHS number")
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter the reason"},
    )


class RestartForm(forms.Form):
    identity_checked = forms.BooleanField(label="Their identity has been checked", required=False)
