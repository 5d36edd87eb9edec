"""Forms for personal budgets and the route into work. Money is typed in pounds and kept in pence."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from choices.models import BudgetKind, BudgetStatus, EmployerType, PlacementKind, SpendCategory, WorkActivityKind
from core.date_input import DateInputField, not_in_future
from volunteers.forms import checked_receipt


def pence_from(text: str, *, noun: str) -> int:
    cleaned = (text or "").replace("£", "").replace(",", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise forms.ValidationError(f"Enter the {noun} in pounds, for example 120.50") from None
    if not value.is_finite():
        raise forms.ValidationError(f"Enter the {noun} in pounds, for example 120.50")
    if value <= 0:
        raise forms.ValidationError(f"Enter {noun_article(noun)} of more than £0")
    if value >= 1_000_000:
        raise forms.ValidationError(f"Enter {noun_article(noun)} of less than £1,000,000")
    if value != value.quantize(Decimal("0.01")):
        raise forms.ValidationError(f"Enter the {noun} in pounds and pence, for example 120.50")
    return int(value * 100)


def noun_article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def pounds_text(pence: int | None) -> str:
    return "" if pence is None else f"{Decimal(pence) / 100:.2f}"


class OpenBudgetForm(forms.Form):
    conversation_on = DateInputField(label="Date of the conversation", help_text="For example, 27 3 2026")
    note = forms.CharField(label="What was talked about", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_conversation_on(self) -> date | None:
        return not_in_future(self.cleaned_data.get("conversation_on"), "The date of the conversation must be today or in the past")


class MoveBudgetForm(forms.Form):
    to_status = forms.ChoiceField(
        label="Where has it got to?", widget=forms.RadioSelect, error_messages={"required": "Choose where the budget has got to"}
    )
    happened_on = DateInputField(label="Date it happened", help_text="For example, 27 3 2026")
    note = forms.CharField(label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices if choices is not None else BudgetStatus.choices  # type: ignore[attr-defined]

    def clean_happened_on(self) -> date | None:
        return not_in_future(self.cleaned_data.get("happened_on"), "The date must be today or in the past")


class CouncilDetailsForm(forms.Form):
    council_reference = forms.CharField(label="The council's reference", required=False, max_length=50)
    kind = forms.ChoiceField(
        label="How is it paid?", required=False, widget=forms.RadioSelect, choices=[("", "Not decided yet"), *BudgetKind.choices]
    )
    agreed_amount = forms.CharField(
        label="Amount agreed, in pounds", required=False, max_length=20, help_text="The whole amount for the budget's period"
    )
    starts_on = DateInputField(label="Start of the budget's period", required=False)
    ends_on = DateInputField(label="End of the budget's period", required=False, help_text="Usually a year after the start")
    review_on = DateInputField(label="The council's review date", required=False)
    first_payment_on = DateInputField(label="Date of the first payment", required=False)

    def clean_agreed_amount(self) -> int | None:
        text = self.cleaned_data.get("agreed_amount") or ""
        return pence_from(text, noun="amount agreed") if text.strip() else None

    def clean_first_payment_on(self) -> date | None:
        return not_in_future(self.cleaned_data.get("first_payment_on"), "The date of the first payment must be today or in the past")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end of the budget's period must be after its start")
        return cleaned


class SupportPlanForm(forms.Form):
    what_for = forms.CharField(
        label="What do you want your budget to pay for?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Write what you want your budget to pay for"},
    )
    how_it_helps = forms.CharField(
        label="How will it help you reach your goals?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Write how it will help you reach your goals"},
    )
    who_manages = forms.CharField(
        label="Who will help you manage it?",
        help_text="For example, you, a family member, a friend, a support organisation, or the council",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class PlanLineForm(forms.Form):
    category = forms.ChoiceField(
        label="What kind of thing is it?",
        choices=SpendCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of thing it is"},
    )
    description = forms.CharField(label="What is it?", max_length=200, error_messages={"required": "Write what it is"})
    amount = forms.CharField(
        label="How much will it cost over the whole budget period, in pounds?",
        max_length=20,
        error_messages={"required": "Enter how much it will cost, in pounds"},
    )

    def clean_amount(self) -> int:
        return pence_from(self.cleaned_data["amount"], noun="amount")


NOT_IN_PLAN = "none"


class SpendForm(forms.Form):
    line = forms.ChoiceField(label="Which part of the plan was it for?", widget=forms.RadioSelect, required=False)
    category = forms.ChoiceField(
        label="If it is not in the plan, what kind of thing was it?",
        choices=[("", "Choose one"), *SpendCategory.choices],
        required=False,
    )
    spent_on = DateInputField(label="Date it was spent")
    amount = forms.CharField(label="Amount in pounds", max_length=20, error_messages={"required": "Enter the amount, in pounds"})
    description = forms.CharField(label="What was it?", max_length=200, error_messages={"required": "Write what it was"})
    receipt = forms.FileField(label="Photo or PDF of the receipt (optional)", required=False, help_text="A JPEG, PNG or PDF file")

    def __init__(self, *args: Any, lines: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [*(lines or []), (NOT_IN_PLAN, "Something not in the plan")]  # type: ignore[attr-defined]
        self.receipt_content_type = ""

    def clean_spent_on(self) -> date | None:
        return not_in_future(self.cleaned_data.get("spent_on"), "The date it was spent must be today or in the past")

    def clean_amount(self) -> int:
        return pence_from(self.cleaned_data["amount"], noun="amount")

    def clean_receipt(self) -> UploadedFile[bytes] | None:
        """The same checks as a volunteer's expense receipt: size, and what the file really is."""
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("receipt")
        if not upload:
            return None
        self.receipt_content_type = checked_receipt(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("line") == NOT_IN_PLAN:
            cleaned["line"] = ""
        if not cleaned.get("line") and not cleaned.get("category") and "category" not in self.errors:
            self.add_error("category", "Choose the part of the plan it was for, or what kind of thing it was")
        return cleaned


class BudgetReviewForm(forms.Form):
    reviewed_on = DateInputField(label="Date of the review")
    what_is_working = forms.CharField(
        label="What is working",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Write what is working"},
    )
    what_to_change = forms.CharField(label="What to change", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False)
    next_review_on = DateInputField(label="Date of the next review")

    def clean_reviewed_on(self) -> date | None:
        return not_in_future(self.cleaned_data.get("reviewed_on"), "The date of the review must be today or in the past")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        reviewed, following = cleaned.get("reviewed_on"), cleaned.get("next_review_on")
        if reviewed and following and following <= reviewed:
            self.add_error("next_review_on", "The next review must be after this one")
        return cleaned


# The route into work


class VocationalProfileForm(forms.Form):
    so_far = forms.CharField(
        label="Work, learning and volunteering you have done", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    what_i_want = forms.CharField(
        label="What you would like to do", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    strengths = forms.CharField(
        label="What you are good at and enjoy", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    what_helps = forms.CharField(
        label="What would help you at work or college",
        help_text="For example, hours that suit you, time off for appointments, someone to talk to",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    worries = forms.CharField(
        label="Anything that worries you",
        help_text="For example, benefits, telling an employer, travel",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any((cleaned.get(name) or "").strip() for name in self.fields):
            raise forms.ValidationError("Write something in at least one of the boxes")
        return cleaned


class WorkGoalForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of goal is it?",
        choices=PlacementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of goal it is"},
    )
    goal = forms.CharField(label="The goal, in your words", max_length=300, error_messages={"required": "Write the goal"})
    plan_goal = forms.ChoiceField(label="Which goal in the plan does it go with?", required=False)

    def __init__(self, *args: Any, plan_goals: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan_goals:
            self.fields["plan_goal"].choices = [("", "None of them"), *plan_goals]  # type: ignore[attr-defined]
        else:
            del self.fields["plan_goal"]


class WorkActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label="What happened?",
        choices=WorkActivityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened"},
    )
    happened_on = DateInputField(label="Date")
    note = forms.CharField(
        label="Details",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, which job or course, how it went, what is next",
    )
    placement = forms.ChoiceField(label="Which job, course or role is it about? (for in-work support)", required=False)

    def __init__(self, *args: Any, placements: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if placements:
            self.fields["placement"].choices = [("", "None of them"), *placements]  # type: ignore[attr-defined]
        else:
            del self.fields["placement"]

    def clean_happened_on(self) -> date | None:
        value = self.cleaned_data.get("happened_on")
        if value is not None and value > timezone.localdate() + timedelta(days=90):
            raise forms.ValidationError("The date must be within the next 3 months")
        return value


class StartForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is starting?",
        choices=PlacementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is starting"},
    )
    title = forms.CharField(
        label="The job, course or role",
        max_length=200,
        help_text="For example, kitchen assistant, or Level 2 English",
        error_messages={"required": "Write the job, course or role"},
    )
    employer_type = forms.ChoiceField(
        label="Who is it with?",
        choices=EmployerType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who it is with"},
    )
    employer_name = forms.CharField(
        label="Their name (only if you want it written down)",
        max_length=200,
        required=False,
    )
    hours_per_week = forms.DecimalField(
        label="Hours a week",
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=Decimal(80),
        error_messages={
            "invalid": "Enter the hours a week as a number, like 16",
            "min_value": "Enter at least half an hour a week",
            "max_value": "Enter 80 hours a week or fewer",
            "max_decimal_places": "Enter the hours to the nearest tenth, like 7.5",
            "max_digits": "Enter 80 hours a week or fewer",
        },
    )
    started_on = DateInputField(label="Start date")

    def clean_started_on(self) -> date | None:
        value = self.cleaned_data.get("started_on")
        if value is not None and value > timezone.localdate() + timedelta(days=90):
            raise forms.ValidationError("The start date must be within the next 3 months")
        return value


class EndForm(forms.Form):
    ended_on = DateInputField(label="End date")
    end_reason = forms.CharField(
        label="Why it ended",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the contract finished, moved to a better job, it was not right for me",
    )

    def clean_ended_on(self) -> date | None:
        return not_in_future(self.cleaned_data.get("ended_on"), "The end date must be today or in the past")
