"""Forms for risk assessments and safeguarding concerns."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from core.date_input import DateInputField, not_in_future
from safeguarding.models import RISK_AREAS, ConcernCategory, ConcernStatus, RiskAssessment, RiskLevel

YES_NO = [("yes", "Yes"), ("no", "No")]


class RiskAssessmentForm(forms.ModelForm[RiskAssessment]):
    review_due = DateInputField(label="Review date", help_text="When to look at this assessment again. For example, 27 3 2027")
    raise_risk_alert = forms.BooleanField(
        label="Show a risk alert at the top of the person's record",
        help_text="An alert is always shown when any area is high",
        required=False,
    )

    class Meta:
        model = RiskAssessment
        fields = [
            *[name for prefix, _ in RISK_AREAS for name in (f"{prefix}_level", f"{prefix}_notes")],
            "management_plan",
            "review_due",
        ]
        widgets = {
            **{f"{prefix}_level": forms.RadioSelect for prefix, _ in RISK_AREAS},
            **{f"{prefix}_notes": forms.Textarea(attrs={"rows": 3}) for prefix, _ in RISK_AREAS},
            "management_plan": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            **{f"{prefix}_level": label for prefix, label in RISK_AREAS},
            **{f"{prefix}_notes": f"Notes: {label.lower()}" for prefix, label in RISK_AREAS},
            "management_plan": "Risk management plan",
        }
        help_texts = {"management_plan": "What will be done to keep the person and others safe, and by whom"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prefix, label in RISK_AREAS:
            level = self.fields[f"{prefix}_level"]
            level.choices = RiskLevel.choices  # type: ignore[attr-defined]
            level.error_messages["required"] = f"Choose the level of {label.lower()}"
        self.fields["management_plan"].error_messages["required"] = "Enter the risk management plan"

    def clean_review_due(self) -> date:
        value: date = self.cleaned_data["review_due"]
        if value < timezone.localdate():
            raise forms.ValidationError("The review date must be today or in the future")
        return value


class _LocalAuthorityReferral(forms.Form):
    referred = forms.ChoiceField(
        label="Has this been referred to the local authority?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes if it has been referred to the local authority"},
    )
    referral_date = DateInputField(label="Date of the referral", required=False)
    referral_reference = forms.CharField(label="Local authority reference", required=False, max_length=100)

    def clean_referral_date(self) -> date | None:
        return not_in_future(self.cleaned_data.get("referral_date"), "The date of the referral cannot be in the future")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("referred") == "yes" and not cleaned.get("referral_date") and "referral_date" not in self.errors:
            self.add_error("referral_date", "Enter the date of the referral to the local authority")
        return cleaned


class ConcernForm(_LocalAuthorityReferral):
    category = forms.ChoiceField(
        label="What kind of abuse or neglect is it?",
        choices=ConcernCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of abuse or neglect"},
    )
    what_happened = forms.CharField(
        label="What happened", widget=forms.Textarea(attrs={"rows": 6}), error_messages={"required": "Enter what happened"}
    )
    action_taken = forms.CharField(
        label="What action has been taken",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what action has been taken"},
    )
    persons_wishes = forms.CharField(
        label="What the person wants to happen", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )

    field_order = ["category", "what_happened", "action_taken", "persons_wishes", "referred", "referral_date", "referral_reference"]


class ConcernUpdateForm(_LocalAuthorityReferral):
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)
    status = forms.ChoiceField(label="Status", choices=ConcernStatus.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="Note about this change", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("status") == ConcernStatus.CLOSED and not (cleaned.get("outcome") or "").strip():
            self.add_error("outcome", "Enter the outcome before closing the concern")
        return cleaned
