from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from core.date_input import DateInputField
from people.forms import IdentifyPersonForm


class NewSubjectAccessRequestForm(IdentifyPersonForm):
    requested_by = forms.CharField(
        label="Who made the request?",
        help_text="The person themselves, or their representative's name and role",
        max_length=200,
        error_messages={"required": "Enter who made the request"},
    )
    received_on = DateInputField(label="Date the request was received", required=True, help_text="For example, 3 11 2026")
    field_order = ["requested_by", "received_on", "nhs_number", "family_name", "date_of_birth"]

    def clean_received_on(self) -> Any:
        received = self.cleaned_data.get("received_on")
        if received and received > timezone.localdate():
            raise forms.ValidationError("The date the request was received must be today or in the past")
        return received


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter the reason"},
    )


class RestartForm(forms.Form):
    identity_checked = forms.BooleanField(label="Their identity has been checked", required=False)
