from __future__ import annotations

from django import forms

from accounts.models import User


class AuditFilterForm(forms.Form):
    person = forms.UUIDField(
        label="Person's record ID",
        required=False,
        help_text="Open the person's page and choose 'Who has looked at or changed this record' to fill this in",
        error_messages={"invalid": "Enter a record ID in the right format, or leave it blank"},
    )
    user = forms.ModelChoiceField(
        label="Member of staff or user",
        queryset=User.objects.order_by("first_name", "last_name"),
        required=False,
        empty_label="Anyone",
        error_messages={"invalid_choice": "Select someone from the list"},
    )
    refused_only = forms.BooleanField(label="Only refused requests (records or pages someone could not open)", required=False)
