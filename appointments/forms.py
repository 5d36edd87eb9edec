"""Forms for booking an appointment, saying what happened, and cancelling."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from appointments.models import Appointment
from appointments.services import LONGEST_MINUTES
from core.date_input import DateInputField
from core.time_input import parse_time

LENGTHS = [(30, "30 minutes"), (45, "45 minutes"), (60, "1 hour"), (90, "1 and a half hours"), (120, "2 hours")]


class BookForm(forms.Form):
    day = DateInputField(label="Date", help_text="For example, 14 1 2027")
    start_time = forms.CharField(
        label="Start time",
        help_text="For example, 14:30",
        widget=forms.TextInput(attrs={"width": "5"}),
        error_messages={"required": "Enter the start time, like 14:30"},
    )
    minutes = forms.TypedChoiceField(
        label="How long?", choices=LENGTHS, coerce=int, initial=60, widget=forms.RadioSelect, error_messages={"required": "Select how long"}
    )
    mode = forms.ChoiceField(
        label="How will you meet?",
        choices=Appointment.Mode.choices,
        initial=Appointment.Mode.FACE_TO_FACE,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you will meet"},
    )
    place = forms.CharField(label="Where? (optional)", required=False, max_length=200, help_text="For example, the library café")
    note = forms.CharField(
        label="A note for the person (optional)",
        required=False,
        max_length=300,
        help_text="They see this in their portal and in any reminder, for example what to bring",
    )

    def clean_start_time(self) -> datetime.time:
        return parse_time(self.cleaned_data.get("start_time", ""), "Enter the start time in hours and minutes, like 14:30")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("day"), data.get("start_time")
        if day and time:
            starts_at = timezone.make_aware(datetime.datetime.combine(day, time))
            if starts_at <= timezone.now():
                self.add_error("day", "The appointment must be in the future. To record one that happened, record a contact")
            data["starts_at"] = starts_at
        minutes = data.get("minutes")
        if minutes and not 15 <= minutes <= LONGEST_MINUTES:
            self.add_error("minutes", "Select how long")
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Did it take place?",
        choices=[(s.value, s.label) for s in Appointment.Status if s != Appointment.Status.BOOKED],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    what_was_done = forms.CharField(
        label="What did you do together? (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class CancelForm(forms.Form):
    who = forms.ChoiceField(
        label="Who called it off?",
        choices=[("person", "The person"), ("service", "The service")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who called it off"},
    )
    reason = forms.CharField(label="Why? (optional)", required=False, max_length=300)
