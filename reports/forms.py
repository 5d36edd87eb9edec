from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from core.date_input import DateInputField
from reports.models import CostCategory


def _pence(text: str, *, noun: str) -> int:
    cleaned = text.replace("£", "").replace(",", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise forms.ValidationError(f"Enter the {noun} in pounds, for example 1250.00") from None
    if not value.is_finite():  # "NaN", "Infinity"
        raise forms.ValidationError(f"Enter the {noun} in pounds, for example 1250.00")
    if value >= Decimal(10) ** 12:
        raise forms.ValidationError(f"Enter {'an' if noun[0] in 'aeiou' else 'a'} {noun} of less than £1,000,000,000,000")
    if value < 0:
        raise forms.ValidationError(f"Enter {'an' if noun[0] in 'aeiou' else 'a'} {noun} of £0 or more")
    if value != value.quantize(Decimal("0.01")):
        raise forms.ValidationError(f"Enter the {noun} in pounds and pence, for example 1250.50")
    return int(value * 100)


WHOLE_ORGANISATION = "organisation"


class ServiceChoice(forms.Form):
    """Which service a cost or baseline is for (docs/teams.md): asked only of a manager not limited
    to one service, on an install with more than one; anyone else records without the question."""

    def __init__(self, *args: Any, services: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if services and len(services) > 1:
            self.fields["service"] = forms.ChoiceField(
                label="Which service is this for?",
                choices=[(str(pk), name) for pk, name in services] + [(WHOLE_ORGANISATION, "The whole organisation")],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose the service this is for, or the whole organisation"},
            )

    def service_id(self) -> int | None:
        chosen = self.cleaned_data.get("service")
        return None if chosen in (None, "", WHOLE_ORGANISATION) else int(chosen)


class CostForm(ServiceChoice):
    starts_on = DateInputField(label="Start date of the period")
    ends_on = DateInputField(label="End date of the period")
    category = forms.ChoiceField(label="What the money was spent on", choices=CostCategory.choices, widget=forms.RadioSelect)
    amount = forms.CharField(label="Amount in pounds", max_length=20, error_messages={"required": "Enter the amount in pounds"})
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)

    def clean_amount(self) -> int:
        return _pence(self.cleaned_data["amount"], noun="amount")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be on or after the start date")
        return data


class BaselineForm(ServiceChoice):
    description = forms.CharField(
        label="What the old model was",
        max_length=200,
        error_messages={"required": "Enter what the old model was, for example 'Day centre'"},
    )
    places = forms.IntegerField(
        label="Number of places",
        error_messages={"required": "Enter the number of places", "invalid": "Enter the number of places as a whole number"},
    )
    cost_per_place_per_week = forms.CharField(
        label="Cost per place per week, in pounds", max_length=20, error_messages={"required": "Enter the cost per place per week"}
    )
    people_served = forms.IntegerField(
        label="People it served in a year",
        error_messages={"required": "Enter how many people it served", "invalid": "Enter the number of people as a whole number"},
    )
    price_year = forms.CharField(label="Price year (optional)", max_length=20, required=False)

    def clean_places(self) -> int:
        places = self.cleaned_data["places"]
        if places < 1:
            raise forms.ValidationError("Enter 1 place or more: a model with no places has no cost per place")
        return int(places)

    def clean_people_served(self) -> int:
        people = self.cleaned_data["people_served"]
        if people < 1:
            raise forms.ValidationError("Enter 1 person or more")
        return int(people)

    def clean_cost_per_place_per_week(self) -> int:
        return _pence(self.cleaned_data["cost_per_place_per_week"], noun="cost per place per week")
