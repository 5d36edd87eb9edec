"""Forms for volunteering. Messages say what to do."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from community.models import Project
from core.date_input import DateInputField, not_in_future
from core.public_form import SpamGuardedForm
from core.text import IdentifyingTextField
from volunteers.models import DBSLevel, ExpenseKind, Progression, SlotRole, Stage, TrainingModule, VolunteerRole, WellbeingCheckIn

STARTED_SALT = "volunteers.public-apply.started"
ROLE_CHOICES = VolunteerRole.choices


def checked_receipt(upload: UploadedFile[bytes]) -> str:
    """A receipt's size and what the file really is (its content, not its name): the content type,
    or a ValidationError saying what to send instead. Expense claims and personal budgets share it."""
    limit = settings.STAR_RECEIPT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(f"The receipt must be smaller than {limit // (1024 * 1024)} MB")
    content_type = sniff_content_type(upload)
    if not content_type:
        raise forms.ValidationError("The receipt must be a photo (JPEG or PNG) or a PDF")
    return content_type


class InterestFields(forms.Form):
    roles_of_interest = forms.MultipleChoiceField(
        label="What would you like to do?", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    availability = forms.CharField(
        label="When are you free? (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )
    lived_experience = forms.CharField(
        label="Anything about your own experience you would like to share (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Only if you want to. It helps us find the right role for you.",
    )
    support_needs = forms.CharField(
        label="Anything that would help you volunteer (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class MemberInterestForm(InterestFields):
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()


class StaffInterestForm(InterestFields):
    given_name = IdentifyingTextField(label="First name", max_length=100, error_messages={"required": "Enter their first name"})
    family_name = IdentifyingTextField(label="Last name", max_length=100, error_messages={"required": "Enter their last name"})
    email = forms.EmailField(
        label="Email address (optional)", required=False, error_messages={"invalid": "Enter an email address like name@example.com"}
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()


class PublicApplicationForm(SpamGuardedForm, StaffInterestForm):
    """No account needed. Guards: a hidden field people never fill, a minimum time, a token."""

    started_salt = STARTED_SALT
    replayed_message = "This form has already been sent. Check your answers and press Send again"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", "Enter an email address or a phone number so we can reply")
        return data


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label="New stage", choices=Stage.choices, error_messages={"required": "Choose the new stage"})
    reason = forms.CharField(label="Reason or notes", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    progression = forms.ChoiceField(label="If they are leaving: where are they going?", choices=Progression.choices, required=False)


class ReferenceForm(forms.Form):
    referee_name = IdentifyingTextField(label="Referee's name", max_length=200, error_messages={"required": "Enter the referee's name"})
    relationship = forms.CharField(label="How they know the volunteer (optional)", max_length=200, required=False)
    requested_on = DateInputField(label="Date requested")
    received_on = DateInputField(label="Date received (optional)", required=False)
    satisfactory = forms.ChoiceField(
        label="Was the reference satisfactory?",
        choices=[("", "Not received yet"), ("yes", "Yes"), ("no", "No")],
        required=False,
    )


class InterviewForm(forms.Form):
    interviewed_on = DateInputField(label="Date of the interview", must_be_past=True)
    notes = forms.CharField(
        label="Notes from the informal interview",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Enter notes from the interview"},
    )


class DBSForm(forms.Form):
    level = forms.ChoiceField(
        label="Level", choices=DBSLevel.choices, widget=forms.RadioSelect, error_messages={"required": "Choose the level of the check"}
    )
    certificate_number = forms.RegexField(
        label="Certificate number",
        regex=r"^\d{12}$",
        error_messages={"required": "Enter the certificate number", "invalid": "Enter the 12-digit certificate number"},
    )
    issued_on = DateInputField(label="Date of issue", must_be_past=True)
    update_service = forms.BooleanField(label="Subscribed to the DBS update service", required=False)
    renewal_due_on = DateInputField(label="Renewal due", earliest_year=2000)


class TrainingForm(forms.Form):
    module = forms.ModelChoiceField(
        label="Training module",
        queryset=TrainingModule.objects.filter(retired_at__isnull=True),
        empty_label="Choose a module",
        error_messages={"required": "Choose the module"},
    )
    completed_on = DateInputField(label="Date completed", must_be_past=True)


class SupervisionForm(forms.Form):
    held_on = DateInputField(label="Date of supervision", must_be_past=True)
    actions = forms.CharField(label="Actions agreed", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000)


class WellbeingForm(forms.Form):
    feeling = forms.ChoiceField(
        label="How are you feeling about volunteering?",
        choices=WellbeingCheckIn.Feeling.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you are feeling"},
    )
    note = forms.CharField(
        label="Anything you want to tell us (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    wants_a_chat = forms.BooleanField(label="I would like a chat with the volunteer manager", required=False)


class ProjectsForm(forms.Form):
    projects = forms.ModelMultipleChoiceField(
        label="Projects they volunteer at",
        queryset=Project.objects.filter(is_active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SlotForm(forms.Form):
    session = forms.TypedChoiceField(label="Session", coerce=int, error_messages={"required": "Choose the session"})
    role = forms.ChoiceField(
        label="Role", choices=SlotRole.choices, widget=forms.RadioSelect, error_messages={"required": "Choose the role"}
    )
    needs_dbs = forms.BooleanField(label="This slot needs a DBS check", required=False, initial=True)

    def __init__(self, *args: Any, sessions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", "Choose a session"), *sessions]  # type: ignore[attr-defined]


class FillSlotForm(forms.Form):
    volunteer = forms.UUIDField(error_messages={"required": "Choose a volunteer"})


class HoursForm(forms.Form):
    worked_on = DateInputField(label="Date", must_be_past=True)
    minutes = forms.IntegerField(
        label="How many minutes?",
        min_value=1,
        max_value=24 * 60,
        error_messages={
            "required": "Enter how many minutes you worked",
            "min_value": "Enter more than 0 minutes",
            "max_value": "Enter no more than 1440 minutes",
        },
    )
    description = forms.CharField(label="What did you do?", max_length=200, error_messages={"required": "Enter what you did"})


PDF_MAGIC = b"%PDF-"
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def sniff_content_type(upload: UploadedFile[bytes]) -> str:
    """What the file really is, from its first bytes (not its name or what the browser says)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        return "application/pdf"
    for magic, content_type in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return content_type
    return ""


class ExpenseForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it for?",
        choices=ExpenseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the claim is for"},
    )
    incurred_on = DateInputField(label="Date of the expense")
    description = forms.CharField(label="What was it?", max_length=200, error_messages={"required": "Describe what the claim is for"})
    miles = forms.DecimalField(
        label="Miles driven (for mileage)",
        required=False,
        max_digits=6,
        decimal_places=1,
        error_messages={"invalid": "Enter the miles as a number, like 12.5"},
    )
    amount = forms.DecimalField(
        label="Amount spent in pounds (for fares, food and drink)",
        required=False,
        max_digits=7,
        decimal_places=2,
        error_messages={"invalid": "Enter the amount in pounds, like 4.50"},
    )
    receipt = forms.FileField(label="Photo or PDF of the receipt", required=False, help_text="A JPEG, PNG or PDF file")
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()
        self.receipt_content_type = ""

    def clean_incurred_on(self) -> date | None:
        return not_in_future(self.cleaned_data["incurred_on"], "The date of the expense must be today or in the past")

    def clean_miles(self) -> Decimal | None:
        miles: Decimal | None = self.cleaned_data["miles"]
        if miles is not None and miles < 0:
            raise forms.ValidationError("Miles cannot be less than 0")
        return miles

    def clean_amount(self) -> Decimal | None:
        amount: Decimal | None = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise forms.ValidationError("The amount cannot be less than £0")
        return amount

    def clean_receipt(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("receipt")
        if not upload:
            return None
        self.receipt_content_type = checked_receipt(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ExpenseKind.TRAVEL and data.get("miles") is None and "miles" not in self.errors:
            self.add_error("miles", "Enter how many miles you drove")
        if kind in (ExpenseKind.FARES, ExpenseKind.SUBSISTENCE) and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", "Enter how much you spent")
        return data

    @property
    def amount_pence(self) -> int | None:
        amount = self.cleaned_data.get("amount")
        return None if amount is None else int(amount * 100)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve"), ("reject", "Do not approve")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or do not approve"},
    )
    reason = forms.CharField(
        label="Reason (needed if not approved)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class PersonOfferForm(InterestFields):
    """Staff record an offer for someone who already has a record: their details come from it."""

    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Staff fill this in about someone else.
        self.fields["roles_of_interest"].label = "What would they like to do?"
        self.fields["availability"].label = "When are they free? (optional)"
        self.fields["lived_experience"].label = "Anything about their own experience they would like to share (optional)"
        self.fields["lived_experience"].help_text = "Only if they want to."
        self.fields["support_needs"].label = "Anything that would help them volunteer (optional)"
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()


class TrainingModuleForm(forms.Form):
    name = forms.CharField(label="Name of the module", max_length=200, error_messages={"required": "Enter the name of the module"})
    description = forms.CharField(
        label="What it covers (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    required_for = forms.MultipleChoiceField(
        label="Which volunteer roles need it?",
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all empty if it is useful but no role needs it.",
    )
    valid_for_months = forms.IntegerField(
        label="How many months it stays valid (optional)",
        required=False,
        min_value=1,
        max_value=120,
        help_text="Leave empty if it never runs out. A change applies to training recorded from now on.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "width": "3"}),
        error_messages={
            "invalid": "Enter the number of months as a whole number, like 24",
            "min_value": "Enter a number of months of 1 or more",
            "max_value": "Enter a number of months of 120 or fewer",
        },
    )
