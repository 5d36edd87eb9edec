"""Forms for outcome measures. The questionnaire form is built from the instrument's data."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from core.date_input import DateInputField, not_in_future
from enablement.models import Contact
from outcomes.models import Instrument, Item

WITH_WORKER = "with_worker"
SEND = "send"


class StartMeasurementForm(forms.Form):
    instrument = forms.ModelChoiceField(
        queryset=Instrument.objects.none(),
        label="Which measure?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a measure", "invalid_choice": "Choose one of the measures listed"},
    )
    how = forms.ChoiceField(
        label="How will it be completed?",
        choices=[(WITH_WORKER, "I will complete it with them now"), (SEND, "Send it to them to complete in their own pages")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the measure will be completed"},
    )
    measured_on = DateInputField(label="Date of the measure", help_text="For example, 27 3 2026")
    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(),
        label="Which contact is it part of? (optional)",
        required=False,
        empty_label="Not part of a contact",
        error_messages={"invalid_choice": "Choose one of the contacts listed"},
    )

    def __init__(self, *args: Any, instruments: list[Instrument], contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact_field = self.fields["contact"]
        assert isinstance(contact_field, forms.ModelChoiceField)
        if contacts is not None:
            contact_field.queryset = contacts
        contact_field.label_from_instance = lambda c: f"{c.contact_date:%d %B %Y}: {c.get_mode_display()}"  # type: ignore[method-assign,assignment]
        field = self.fields["instrument"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Instrument.objects.filter(pk__in=[i.pk for i in instruments])
        field.label_from_instance = lambda instrument: instrument.name  # type: ignore[method-assign,assignment]

    def clean_measured_on(self) -> date | None:
        return not_in_future(self.cleaned_data["measured_on"], "Date of the measure must be today or in the past")


class AnswersForm(forms.Form):
    """One radio question per item; a goal's own words when the instrument has personal goals.

    Every field is optional here: drafts may be partial. Finishing is checked by the service."""

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        items: list[Item],
        initial_answers: dict[str, Any],
        goal_texts: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.items = items
        values = instrument.option_values
        choices = [(str(o["value"]), str(o["label"])) for o in instrument.answer_options]
        for number, item in enumerate(items, start=1):
            if instrument.goal_text:
                self.fields[f"goal_{item.link_id}"] = forms.CharField(
                    label=f"Goal {number} in your own words", required=False, max_length=300, initial=goal_texts.get(item.link_id, "")
                )
            label = f"{number}. {item.text}" if item.text else f"Question {number}"
            self.fields[f"item_{item.link_id}"] = forms.ChoiceField(
                label=label if not instrument.goal_text else f"How close is goal {number}?",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=None if initial_answers.get(item.link_id) is None else str(initial_answers[item.link_id]),
                error_messages={"invalid_choice": f"Question {number}: choose one of the answers, from {min(values)} to {max(values)}"},
            )

    @property
    def item_fields(self) -> list[dict[str, Any]]:
        """The bound fields in order, for the template: each item's optional goal box and its question."""
        return [
            {"goal": self[f"goal_{item.link_id}"] if self.instrument.goal_text else None, "question": self[f"item_{item.link_id}"]}
            for item in self.items
        ]

    def answers(self) -> dict[str, object]:
        return {item.link_id: self.cleaned_data.get(f"item_{item.link_id}") or None for item in self.items}

    def goal_texts(self) -> dict[str, str]:
        if not self.instrument.goal_text:
            return {}
        return {item.link_id: self.cleaned_data.get(f"goal_{item.link_id}", "") for item in self.items}

    def show_problems(self, problems: dict[str, str]) -> None:
        for link_id, message in problems.items():
            name = f"item_{link_id}"
            self.add_error(name if name in self.fields else None, message)


class WordingUploadForm(forms.Form):
    file = forms.FileField(
        label="Wording file (JSON)",
        help_text="A file your organisation holds a licence for. It is checked in full before anything is loaded.",
        error_messages={"required": "Choose a wording file to upload", "empty": "The file is empty: choose the wording file"},
    )
