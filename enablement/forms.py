"""Forms for contacts, reviews and moving on."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from community.models import Project
from core.date_input import DateInputField, not_in_future
from core.time_input import parse_time
from enablement.models import Contact, MoveOn, Review
from enablement.services import MAX_EXTENSION_WEEKS
from hub.models import Resource


class ContactForm(forms.ModelForm[Contact]):
    contact_date = DateInputField(label="Date of the contact", help_text="For example, 27 3 2026")
    start_time = forms.CharField(
        label="Start time",
        help_text="For example, 14:30",
        widget=forms.TextInput(attrs={"width": "5"}),
        error_messages={"required": "Enter the start time, like 14:30"},
    )

    class Meta:
        model = Contact
        fields = ["contact_date", "start_time", "minutes", "mode", "place", "who_was_there", "what_was_done", "outcome"]
        labels = {
            "minutes": "How many minutes?",
            "mode": "How did it happen?",
            "place": "Where? (optional)",
            "who_was_there": "Who was there? (optional)",
            "what_was_done": "What did you do together?",
            "outcome": "Did it take place?",
        }
        help_texts = {
            "minutes": "Include time travelling together on a community outing",
            "who_was_there": "For example, just us, or their sister",
        }
        widgets = {"mode": forms.RadioSelect, "outcome": forms.RadioSelect, "what_was_done": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "minutes": {"required": "Enter how many minutes the contact lasted", "invalid": "Enter the minutes as a number, like 60"},
            "mode": {"required": "Select how the contact happened"},
            "outcome": {"required": "Select whether the contact took place"},
        }

    def clean_contact_date(self) -> datetime.date | None:
        return not_in_future(self.cleaned_data.get("contact_date"), "The date of the contact must be today or in the past")

    def clean_start_time(self) -> datetime.time:
        return parse_time(self.cleaned_data.get("start_time", ""), "Enter the start time in hours and minutes, like 14:30")

    def clean_minutes(self) -> int:
        minutes = self.cleaned_data.get("minutes") or 0
        if not 1 <= minutes <= 720:
            raise forms.ValidationError("Enter the minutes as a number between 1 and 720")
        return int(minutes)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, at = cleaned.get("contact_date"), cleaned.get("start_time")
        if day and at and day == timezone.localdate() and at > timezone.localtime().time():
            self.add_error("start_time", "The start time must be now or earlier. Record the contact once it has happened")
        if cleaned.get("outcome") == Contact.Outcome.ATTENDED and not cleaned.get("what_was_done", "").strip():
            self.add_error("what_was_done", "Enter what you did together")
        return cleaned


class ReviewForm(forms.ModelForm[Review]):
    extend_by_weeks = forms.IntegerField(
        label="Extend by how many weeks? (if extending)",
        required=False,
        min_value=1,
        max_value=MAX_EXTENSION_WEEKS,
        help_text=f"Up to {MAX_EXTENSION_WEEKS} weeks",
        error_messages={
            "invalid": "Enter the number of weeks, like 4",
            "min_value": "Enter the number of weeks, like 4",
            "max_value": f"Extend by {MAX_EXTENSION_WEEKS} weeks or fewer. To go on longer, extend again at the next review",
        },
    )
    held_on = DateInputField(label="Date of the review", help_text="For example, 27 3 2026")
    next_review_on = DateInputField(
        label="Date of the next review (optional)", required=False, help_text="Leave it blank to use the usual schedule"
    )

    class Meta:
        model = Review
        fields = [
            "held_on",
            "who_took_part",
            "what_is_working",
            "progress",
            "persons_view",
            "decision",
            "extend_by_weeks",
            "extension_reason",
            "next_review_on",
        ]
        labels = {
            "who_took_part": "Who took part?",
            "what_is_working": "What is working?",
            "progress": "Progress on each goal",
            "persons_view": "What does the person think?",
            "decision": "What was decided?",
            "extension_reason": "Reason for the extension (if extending)",
        }
        help_texts = {"persons_view": "In their own words where you can"}
        widgets = {
            "decision": forms.RadioSelect,
            "what_is_working": forms.Textarea(attrs={"rows": 3}),
            "progress": forms.Textarea(attrs={"rows": 4}),
            "persons_view": forms.Textarea(attrs={"rows": 3}),
            "extension_reason": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "who_took_part": {"required": "Enter who took part in the review"},
            "what_is_working": {"required": "Enter what is working"},
            "progress": {"required": "Enter the progress on their goals"},
            "persons_view": {"required": "Enter what the person thinks"},
            "decision": {"required": "Select what was decided"},
        }

    def clean_held_on(self) -> datetime.date | None:
        return not_in_future(self.cleaned_data.get("held_on"), "The date of the review must be today or in the past")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == Review.Decision.EXTEND:
            if not cleaned.get("extend_by_weeks"):
                self.add_error("extend_by_weeks", "Enter how many weeks to extend by")
            if not cleaned.get("extension_reason", "").strip():
                self.add_error("extension_reason", "Enter the reason for the extension")
        held, following = cleaned.get("held_on"), cleaned.get("next_review_on")
        if held and following and following <= held:
            self.add_error("next_review_on", "The next review must be after this one")
        return cleaned


class MoveOnForm(forms.ModelForm[MoveOn]):
    ended_on = DateInputField(label="Date the episode ended", help_text="For example, 27 3 2026")

    class Meta:
        model = MoveOn
        fields = ["ended_on", "destination", "reason", "project", "resource", "community_group"]
        labels = {
            "destination": "Where are they moving on to?",
            "reason": "Why is the episode ending?",
            "project": "Which user-led project will they go to? (optional)",
            "resource": "Or another organisation's service or group in the resource hub (optional)",
        }
        help_texts = {"community_group": "So someone can check how they are getting on. For example, Tuesday walking group at Cannon Hill"}
        widgets = {"destination": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "destination": {"required": "Select where they are moving on to"},
            "reason": {"required": "Enter why the episode is ending"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project_field: Any = self.fields["project"]
        project_field.queryset = Project.objects.filter(is_active=True).order_by("name")
        project_field.empty_label = "Not a user-led project"
        resource_field: Any = self.fields["resource"]
        resource_field.queryset = Resource.objects.filter(is_active=True).select_related("organisation").order_by("name")
        resource_field.label_from_instance = lambda resource: f"{resource.name} ({resource.organisation.name})"
        resource_field.empty_label = "Not a service in the hub"
        resource_field.help_text = "We will ask them later whether they got there, as for any signposting"

    def clean_ended_on(self) -> datetime.date | None:
        return not_in_future(self.cleaned_data.get("ended_on"), "The end date must be today or in the past")


class GoalRatingsForm(forms.Form):
    """At a review, a 0–10 rating and a note for each of the person's goals (all optional).
    Each rating given becomes a progress entry on the goal in the person's plan."""

    RATINGS = [("", "Not rated at this review"), *[(str(n), f"{n} out of 10") for n in range(11)]]

    def __init__(self, *args: Any, goals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}_rating"] = forms.ChoiceField(
                label=f"{goal.heading}: how close is the person to this goal?",
                choices=self.RATINGS,
                required=False,
                help_text=f"Last rated {goal.latest_rating} out of 10" if goal.latest_rating is not None else "Not rated before",
            )
            self.fields[f"goal_{goal.pk}_note"] = forms.CharField(
                label=f"{goal.heading}: what has happened? (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def ratings(self) -> list[tuple[Any, int, str]]:
        """(goal, rating, note) for each goal rated at this review."""
        chosen = []
        for goal in self.goals:
            rating = self.cleaned_data.get(f"goal_{goal.pk}_rating")
            if rating not in (None, ""):
                chosen.append((goal, int(rating), self.cleaned_data.get(f"goal_{goal.pk}_note", "")))
        return chosen

    def bound_fields(self) -> list[Any]:
        return [self[name] for name in self.fields]
