from __future__ import annotations

from typing import Any

from django import forms

from core.date_input import DateInputField, not_in_future
from people.forms import IdentifyPersonForm, PersonForm
from records.models import FlaggedItem, RectificationRequest, SubjectAccessRequest
from records.rectification import AMENDABLE_FIELDS, field_label


class NewSubjectAccessRequestForm(IdentifyPersonForm):
    requested_by = forms.CharField(
        label="Who made the request?",
        help_text="The person themselves, or their representative's name and role",
        max_length=200,
        error_messages={"required": "Enter who made the request"},
    )
    received_on = DateInputField(label="Date the request was received", required=True, help_text="For example, 3 11 2026")
    received_how = forms.ChoiceField(
        label="How did the request arrive?",
        choices=SubjectAccessRequest.ReceivedHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the request arrived"},
    )
    identity_checked_how = forms.CharField(
        label="How did you check who they are? (if you have)",
        help_text="For example, photo ID seen at the office, or their signature matched the one we hold. Leave it empty if not yet checked",
        max_length=300,
        required=False,
    )
    field_order = ["requested_by", "received_on", "received_how", "identity_checked_how", "nhs_number", "family_name", "date_of_birth"]

    def clean_received_on(self) -> Any:
        return not_in_future(self.cleaned_data.get("received_on"), "The date the request was received must be today or in the past")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter the reason"},
    )


class IdentityCheckForm(forms.Form):
    how = forms.CharField(
        label="How did you check who they are?",
        help_text="For example, photo ID seen at the office",
        max_length=300,
        error_messages={"required": "Say how you checked who they are"},
    )


class RestartForm(forms.Form):
    identity_checked = forms.BooleanField(label="Their identity has been checked", required=False)


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label="How much longer do you need?",
        choices=[(1, "One more month"), (2, "Two more months")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select one or two more months"},
    )
    reason = forms.CharField(
        label="Why is the request complex, or one of many?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why you need more time"},
    )
    told_on = DateInputField(
        label="Date you told them about the extension and why",
        required=True,
        help_text="You must tell them within the first month. For example, 3 11 2026",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What should happen to this information?",
        choices=FlaggedItem.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select disclose, redact or withhold"},
    )
    redaction_text = forms.CharField(
        label="If you redact it: the text to show instead",
        help_text="For example, the note with other people's names replaced by [name removed]",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Required if you withhold it. For example, it is about another person who has not agreed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision = cleaned.get("decision")
        if decision == FlaggedItem.Decision.REDACT and not cleaned.get("redaction_text", "").strip():
            self.add_error("redaction_text", "Enter the text to show instead of the redacted information")
        if decision == FlaggedItem.Decision.WITHHOLD and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter why this is withheld")
        return cleaned


class NewRectificationRequestForm(IdentifyPersonForm):
    requested_by = forms.CharField(
        label="Who made the request?",
        help_text="The person themselves, or their representative's name and role",
        max_length=200,
        error_messages={"required": "Enter who made the request"},
    )
    received_on = DateInputField(label="Date the request was received", required=True, help_text="For example, 3 11 2026")
    what_is_wrong = forms.CharField(
        label="What do they say is wrong or incomplete?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Enter what they say is wrong"},
    )
    field_order = ["requested_by", "received_on", "what_is_wrong", "nhs_number", "family_name", "date_of_birth"]

    def clean_received_on(self) -> Any:
        return not_in_future(self.cleaned_data.get("received_on"), "The date the request was received must be today or in the past")


class ChooseDetailForm(forms.Form):
    field_name = forms.ChoiceField(
        label="Which detail needs correcting?",
        choices=[],
        widget=forms.Select,
        error_messages={"required": "Select the detail to correct"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Select a detail"), *((name, field_label(name)) for name in AMENDABLE_FIELDS)]
        self.fields["field_name"].choices = choices  # type: ignore[attr-defined]


class AmendmentForm(PersonForm):
    """The person form cut down to the one detail being corrected, with the same checks, plus why."""

    amendment_reason = forms.CharField(
        label="Why is this being corrected?",
        help_text="For example, the person showed us their passport and the spelling was wrong",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why this is being corrected"},
    )

    def __init__(self, *args: Any, field_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_name = field_name
        for name in list(self.fields):
            if name not in {field_name, "amendment_reason"}:
                del self.fields[name]
        self.fields[field_name].label = f"Corrected {field_label(field_name).lower()}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # The person form fills in related values (NHS number status); only the one detail changes.
        return {name: value for name, value in cleaned.items() if name in self.fields}


class CloseRectificationForm(forms.Form):
    status = forms.ChoiceField(
        label="What was the outcome?",
        choices=[
            (RectificationRequest.Status.CORRECTED, "We corrected the record"),
            (RectificationRequest.Status.REFUSED, "We did not agree the record is wrong"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    outcome = forms.CharField(
        label="What did you tell them?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Enter what you told them"},
    )
    statement = forms.CharField(
        label="Their statement, if they disagree (optional)",
        help_text="If we did not correct it, their own account of why the record is wrong is kept with it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class KeepForm(forms.Form):
    reason = forms.CharField(
        label="Why keep this record longer?",
        help_text="For example, a legal hold, an open complaint or an inquiry",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the record is being kept"},
    )
    review_on = DateInputField(label="Date to review it again", required=True, help_text="For example, 1 6 2027")


class DestroyForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked this record is not needed and authorise its destruction",
        error_messages={"required": "Confirm you authorise the destruction"},
    )
