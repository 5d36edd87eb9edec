"""Defining a question (managers), and asking the active questions on a form."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms

from core.date_input import DateInputField
from questions.models import Question


class QuestionForm(forms.ModelForm[Question]):
    class Meta:
        model = Question
        fields = ("place", "wording", "hint", "answer_type", "choices", "required", "order", "monitoring", "retired")
        widgets = {
            "place": forms.RadioSelect,
            "answer_type": forms.RadioSelect,
            "choices": forms.Textarea(attrs={"rows": 5}),
            "hint": forms.TextInput,
        }
        help_texts = {
            "wording": "As the person filling in the form will read it, for example ‘How did you hear about us?’",
            "hint": "Optional. A short explanation shown under the question",
            "choices": "For a list: one answer a line",
            "order": "Questions are asked in this order, lowest first, after the form's own fields",
            "monitoring": "For yes or no and list questions: counts by answer appear on the equality report, small numbers hidden",
            "retired": "It is no longer asked. Answers already given are kept and still shown",
        }
        error_messages = {
            "place": {"required": "Choose where the question is asked"},
            "wording": {"required": "Enter the question"},
            "answer_type": {"required": "Choose the type of answer"},
            "order": {"required": "Enter the order, for example 10", "invalid": "Order must be a whole number, for example 10"},
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answer_type = cleaned.get("answer_type")
        options = [line.strip() for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
        if answer_type in Question.CHOICE_TYPES:
            if len(options) < 2:
                self.add_error("choices", "Enter at least 2 answers to choose from, one a line")
            elif len(set(options)) != len(options):
                self.add_error("choices", "Each answer to choose from must be different")
            cleaned["choices"] = "\n".join(options)
        elif options:
            self.add_error("choices", "Only a list question has answers to choose from: remove them, or choose a list type")
        if self.instance.pk and answer_type and answer_type != self.initial.get("answer_type") and self.instance.answers.exists():
            self.add_error(
                "answer_type", "This question has been answered, so its type of answer cannot change. Retire it and add a new question"
            )
        if cleaned.get("monitoring") and answer_type and answer_type not in Question.COUNTABLE_TYPES:
            self.add_error("monitoring", "Only yes or no and list questions can be counted in the reports")
        return cleaned


def field_name(question: Question) -> str:
    return f"question_{question.pk}"


def _field_for(question: Question) -> forms.Field:
    label, hint, needed = question.wording, question.hint, question.required
    kinds = Question.AnswerType
    if question.answer_type == kinds.DATE:
        field: forms.Field = DateInputField(label=label, required=needed, help_text=hint)
        field.error_messages["required"] = field.error_messages["incomplete"] = f"Enter an answer to ‘{label}’"
        return field
    if question.answer_type == kinds.WHOLE_NUMBER:
        field = forms.IntegerField(label=label, required=needed, help_text=hint, min_value=-999_999_999, max_value=999_999_999)
        field.widget.attrs.update({"inputmode": "numeric", "width": "5"})
        field.widget.input_type = "text"
        field.error_messages["invalid"] = f"‘{label}’ must be a whole number, like 3"
    elif question.answer_type in (kinds.YES_NO, kinds.ONE_CHOICE):
        options = [(option, option) for option in question.choice_list()]
        field = forms.ChoiceField(label=label, required=needed, help_text=hint, choices=options, widget=forms.RadioSelect)
        field.error_messages["required"] = f"Choose an answer to ‘{label}’"
        field.error_messages["invalid_choice"] = f"Choose one of the answers to ‘{label}’"
        return field
    elif question.answer_type == kinds.SEVERAL_CHOICES:
        options = [(option, option) for option in question.choice_list()]
        field = forms.MultipleChoiceField(
            label=label, required=needed, help_text=hint, choices=options, widget=forms.CheckboxSelectMultiple
        )
        field.error_messages["required"] = f"Choose at least one answer to ‘{label}’"
        field.error_messages["invalid_choice"] = f"Choose from the answers to ‘{label}’"
        return field
    elif question.answer_type == kinds.LONG_TEXT:
        field = forms.CharField(label=label, required=needed, help_text=hint, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
        field.error_messages["max_length"] = f"The answer to ‘{label}’ must be 5,000 characters or fewer"
    else:
        field = forms.CharField(label=label, required=needed, help_text=hint, max_length=500)
        field.error_messages["max_length"] = f"The answer to ‘{label}’ must be 500 characters or fewer"
    field.error_messages["required"] = f"Enter an answer to ‘{label}’"
    return field


class AnswersForm(forms.Form):
    """The active questions for one place, asked like the form's own fields."""

    def __init__(self, data: Any = None, *, questions: Sequence[Question], initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = _field_for(question)

    def answers(self) -> list[tuple[Question, str]]:
        """(question, answer as text) for every question answered; call after is_valid()."""
        found = []
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value is None or value in ("", []):
                continue
            if isinstance(value, list):
                text = "\n".join(value)
            elif isinstance(value, datetime.date):
                text = value.isoformat()
            else:
                text = str(value).strip()
            if text:
                found.append((question, text))
        return found
