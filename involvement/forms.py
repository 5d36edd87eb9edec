from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms

from core.date_input import DateInputField, not_in_future
from core.public_form import SpamGuardedForm
from core.text import IdentifyingTextField
from involvement.models import Decision, Feedback, FeedbackKind, FeedbackTheme, InvolvementActivity
from involvement.models.activities import LadderStep, PaymentMethod

KIND_CHOICES = [
    (FeedbackKind.COMPLIMENT, "Something good (a compliment)"),
    (FeedbackKind.IDEA, "An idea to make things better"),
    (FeedbackKind.COMPLAINT, "Something went wrong (a complaint)"),
]
STARTED_SALT = "involvement.public-feedback.started"


class ActivityForm(forms.ModelForm[InvolvementActivity]):
    held_on = DateInputField(label="Date", help_text="For example, 27 3 2026")

    class Meta:
        model = InvolvementActivity
        fields = [
            "activity_type",
            "title",
            "held_on",
            "purpose",
            "format",
            "languages",
            "ladder_step",
            "unnamed_members",
            "volunteers",
            "staff",
            "carers",
            "partner_organisations",
            "outcome",
        ]
        labels = {
            "activity_type": "What kind of activity was it?",
            "title": "Name of the activity",
            "purpose": "What was it for?",
            "format": "How did people take part?",
            "ladder_step": "How much say did members have?",
            "unnamed_members": "Members who took part but are not named here",
            "volunteers": "Number of volunteers",
            "staff": "Number of staff",
            "carers": "Number of carers",
        }
        help_texts = {
            "title": "For example, Steering group, March",
            "languages": "For example, English, Urdu, Punjabi",
            "ladder_step": "From the ladder of co-production: informing is the least say, co-production the most",
            "unnamed_members": "Name members on the next page if they agree. Count the others here.",
            "partner_organisations": "One organisation on each line",
            "outcome": "What changed or was agreed. You can add this later.",
        }
        error_messages = {
            "activity_type": {"required": "Select what kind of activity it was"},
            "title": {"required": "Enter a name for the activity"},
            "purpose": {"required": "Enter what the activity was for"},
            "format": {"required": "Select how people took part"},
            "languages": {"required": "Enter the languages used, for example English"},
            "unnamed_members": {"invalid": "Enter a whole number, like 4", "min_value": "Enter 0 or more"},
            "volunteers": {"invalid": "Enter a whole number, like 4", "min_value": "Enter 0 or more"},
            "staff": {"invalid": "Enter a whole number, like 4", "min_value": "Enter 0 or more"},
            "carers": {"invalid": "Enter a whole number, like 4", "min_value": "Enter 0 or more"},
        }
        widgets = {
            "activity_type": forms.RadioSelect,
            "format": forms.RadioSelect,
            "ladder_step": forms.Select,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "partner_organisations": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
            "unnamed_members": forms.TextInput(attrs={"inputmode": "numeric", "width": "4"}),
            "volunteers": forms.TextInput(attrs={"inputmode": "numeric", "width": "4"}),
            "staff": forms.TextInput(attrs={"inputmode": "numeric", "width": "4"}),
            "carers": forms.TextInput(attrs={"inputmode": "numeric", "width": "4"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ladder = self.fields["ladder_step"]
        assert isinstance(ladder, forms.ChoiceField)
        ladder.choices = [("", "Not recorded"), *LadderStep.choices]


class ParticipantSearchForm(forms.Form):
    query = forms.CharField(
        label="Name of the member",
        max_length=200,
        error_messages={"required": "Enter the member's name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label="Amount in pounds",
        min_value=0.01,
        max_value=10000,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount, like 20.00",
            "invalid": "Enter the amount in pounds, like 20.00",
            "min_value": "The amount must be more than £0",
            "max_value": "The amount must be £10,000 or less",
            "max_decimal_places": "Enter the amount in pounds and pence, like 20.50",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "width": "5"}),
    )
    method = forms.ChoiceField(
        label="How was it paid?",
        choices=PaymentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it was paid"},
    )
    paid_on = DateInputField(label="Date paid")
    participant = forms.TypedChoiceField(label="Paid to a member named above", required=False, coerce=int, empty_value=None)
    paid_to = forms.CharField(label="Or who it was paid to", required=False, max_length=200, help_text="For example, carer representative")

    def __init__(self, *args: Any, participants: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not a named member"), *participants]
        participant = self.fields["participant"]
        assert isinstance(participant, forms.ChoiceField)
        participant.choices = choices
        participant.widget = forms.Select(choices=choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("participant") and not cleaned.get("paid_to", "").strip():
            self.add_error("paid_to", "Select a member, or enter who it was paid to")
        return cleaned


class FeedbackFields(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like to tell us?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you would like to tell us"},
    )
    theme = forms.ModelChoiceField(
        label="What is it about?",
        queryset=FeedbackTheme.objects.filter(active=True),
        required=False,
        empty_label="Choose a topic (you do not have to)",
    )
    message = forms.CharField(
        label="Tell us in your own words",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us what you think", "max_length": "Keep it to 5,000 characters or fewer"},
    )
    about_personal_information = forms.BooleanField(label="It is about how you use my personal information", required=False)


class PublicFeedbackForm(SpamGuardedForm, FeedbackFields):
    """No account needed. Guards: a hidden field people never fill, a minimum time, a token per form."""

    started_salt = STARTED_SALT
    replayed_message = "This form has already been sent. To tell us something else, check what you wrote and press Send again"
    name = IdentifyingTextField(label="Your name (optional)", required=False, max_length=200)
    contact = forms.CharField(
        label="Email or phone number (optional)",
        required=False,
        max_length=200,
        help_text="Only if you want us to reply",
    )


class MemberFeedbackForm(FeedbackFields):
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()


class PaperFeedbackForm(FeedbackFields):
    received_on = DateInputField(label="Date received", help_text="For example, 27 3 2026")
    name = IdentifyingTextField(label="Their name, if they gave it", required=False, max_length=200)
    contact = forms.CharField(label="Their email or phone number, if they want a reply", required=False, max_length=200)
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].label = "What kind of feedback is it?"
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = FeedbackKind.choices
        self.fields["kind"].error_messages["required"] = "Select what kind of feedback it is"
        self.fields["message"].label = "What they wrote"
        self.fields["message"].error_messages["required"] = "Enter what they wrote"
        self.fields["theme"].label = "Theme"
        self.fields["about_personal_information"].label = "It is a complaint about how we use personal information"
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()

    def clean_received_on(self) -> datetime.date | None:
        return not_in_future(self.cleaned_data["received_on"], "Date received must be today or in the past")


class ComplaintStatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label="Move the complaint to",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what has happened", "invalid_choice": "That move is not allowed for this complaint"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, feedback: Feedback, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from involvement.models import ComplaintStatus

        to_status = self.fields["to_status"]
        assert isinstance(to_status, forms.ChoiceField)
        to_status.choices = [(value, ComplaintStatus(value).label) for value in feedback.allowed_next_statuses()]


class DecisionForm(forms.ModelForm[Decision]):
    decided_on = DateInputField(label="Date decided", help_text="For example, 27 3 2026")
    activities = forms.ModelMultipleChoiceField(
        label="Which activities shaped it?",
        queryset=InvolvementActivity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    feedback = forms.ModelMultipleChoiceField(
        label="Which feedback shaped it?", queryset=Feedback.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Decision
        fields = ["title", "decision", "reason", "decided_on", "decided_by", "activities", "feedback", "you_said", "we_did"]
        labels = {"decided_by": "Who decided?"}
        help_texts = {
            "you_said": "Plain English for the public page. No names or details that could identify anyone.",
            "we_did": "Plain English for the public page: what changed.",
        }
        error_messages = {
            "title": {"required": "Enter what was decided, in a few words"},
            "decision": {"required": "Enter what was decided"},
            "reason": {"required": "Enter why it was decided"},
            "decided_by": {"required": "Select who decided"},
        }
        widgets = {
            "decided_by": forms.RadioSelect,
            "decision": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "you_said": forms.Textarea(attrs={"rows": 3}),
            "we_did": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args: Any,
        activity_choices: Any,
        feedback_choices: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        activities = self.fields["activities"]
        feedback = self.fields["feedback"]
        assert isinstance(activities, forms.ModelMultipleChoiceField) and isinstance(feedback, forms.ModelMultipleChoiceField)
        activities.queryset = activity_choices
        activities.label_from_instance = lambda a: f"{a.title}, {a.held_on:%d %B %Y}"  # type: ignore[method-assign,assignment]
        feedback.queryset = feedback_choices
        feedback.label_from_instance = lambda f: f"{f.reference} {f.get_kind_display().lower()}: {f.message[:80]}"  # type: ignore[method-assign,assignment]


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="New theme",
        max_length=100,
        help_text="For example, Transport to venues",
        error_messages={"required": "Enter the name of the theme", "max_length": "Keep the theme to 100 characters or fewer"},
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if FeedbackTheme.objects.filter(name__iexact=name, active=True).exists():
            raise forms.ValidationError("There is already a theme with this name")
        return name
