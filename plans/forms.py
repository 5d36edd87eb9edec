"""Forms for plans. A document's form is built from its definition in `plans.documents`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from core.date_input import DateInputField, not_in_future
from core.text import IdentifyingTextField
from plans.documents import DocumentKind, FieldType, PlanField


def _form_field(plan_field: PlanField) -> forms.Field:
    common: dict[str, Any] = {"label": plan_field.label, "required": plan_field.required, "help_text": plan_field.hint}
    noun = plan_field.label[0].lower() + plan_field.label[1:]
    if plan_field.type == FieldType.DATE:
        return DateInputField(**common)
    if plan_field.type == FieldType.CHOICE:
        field: forms.Field = forms.ChoiceField(choices=plan_field.choices, widget=forms.RadioSelect, **common)
        field.error_messages["required"] = f"Choose {noun}"
        return field
    widget = forms.TextInput() if plan_field.type == FieldType.LINE else forms.Textarea(attrs={"rows": 4})
    field = forms.CharField(widget=widget, max_length=5000, **common)
    field.error_messages["required"] = f"Enter {noun}"
    return field


class PlanDocumentForm(forms.Form):
    definition: DocumentKind

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.definition.field("owner_name") and cleaned.get("owner") == "someone_else" and not cleaned.get("owner_name"):
            self.add_error("owner_name", "Enter the name of the person who owns this goal")
        return cleaned


def plan_form_class(definition: DocumentKind) -> type[PlanDocumentForm]:
    fields = {plan_field.name: _form_field(plan_field) for plan_field in definition.fields}
    return type(f"{definition.kind.title()}Form", (PlanDocumentForm,), {**fields, "definition": definition})


def initial_from_content(definition: DocumentKind, content: dict[str, str]) -> dict[str, object]:
    initial: dict[str, object] = {}
    for plan_field in definition.fields:
        value = content.get(plan_field.name, "")
        if plan_field.type == FieldType.DATE:
            initial[plan_field.name] = date.fromisoformat(value) if value else None
        else:
            initial[plan_field.name] = value
    return initial


RATING_CHOICES = [(str(n), str(n)) for n in range(11)]


class GoalProgressForm(forms.Form):
    recorded_on = DateInputField(label="Date", help_text="For example, 27 3 2026")
    rating = forms.TypedChoiceField(
        label="How close to the goal, from 0 (not started) to 10 (done)",
        choices=[("", "Choose a rating"), *RATING_CHOICES],
        coerce=int,
        error_messages={"required": "Choose a rating from 0 to 10"},
    )
    note = forms.CharField(label="What has happened", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)
    in_persons_words = forms.BooleanField(label="This note is in the person's own words", required=False)

    def clean_recorded_on(self) -> date | None:
        return not_in_future(self.cleaned_data["recorded_on"], "The date cannot be in the future")


class CrisisPlanShareForm(forms.Form):
    recipient_name = IdentifyingTextField(
        label="Who it was shared with", max_length=200, error_messages={"required": "Enter who it was shared with"}
    )
    organisation = forms.CharField(label="Their organisation", required=False, max_length=200, help_text="For example, crisis team or GP")
    what_was_shared = forms.CharField(
        label="What was shared",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter what was shared"},
    )
    shared_on = DateInputField(label="Date it was shared")
    consent_given = forms.BooleanField(label="The person agreed to share their crisis plan with this recipient", required=False)

    def clean_shared_on(self) -> date | None:
        return not_in_future(self.cleaned_data["shared_on"], "The date it was shared cannot be in the future")

    def clean_consent_given(self) -> bool:
        if not self.cleaned_data.get("consent_given"):
            raise forms.ValidationError("The person must agree before you share their crisis plan with this recipient")
        return True
