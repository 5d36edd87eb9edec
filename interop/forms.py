from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from core.date_input import DateInputField
from interop.models import SCOPE_CHOICES
from interop.services import SERVICE_ACCOUNT_ROLES


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        max_length=200,
        help_text="For example: Birmingham trust referrals",
        error_messages={"required": "Enter what the token is for"},
    )
    service_account_name = forms.CharField(
        label="Service account name",
        max_length=100,
        help_text="The system that will use the token. Tokens with the same name share one account",
        error_messages={"required": "Enter the name of the system that will use the token"},
    )
    role = forms.ChoiceField(
        label="The account acts as",
        choices=[(role.value, role.label) for role in SERVICE_ACCOUNT_ROLES],
        help_text="It sees what someone with this role would see: an STR worker sees only their caseload",
        error_messages={"required": "Choose the role the account acts as"},
    )
    scopes = forms.MultipleChoiceField(
        label="What the token may do",
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing the token may do"},
    )
    expires_on = DateInputField(label="Expiry date")

    def clean_expires_on(self) -> Any:
        value = self.cleaned_data["expires_on"]
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError("Enter an expiry date in the future")
        return value
