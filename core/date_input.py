"""A date asked as three boxes (day, month, year), as the NHS design system recommends."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone


class DateInputWidget(forms.MultiWidget):
    subwidget_names = ("day", "month", "year")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            widgets={name: forms.TextInput(attrs={"inputmode": "numeric"}) for name in self.subwidget_names},
            attrs=attrs,
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """Turns day, month and year into a date, with the NHS pattern's plain-English messages."""

    widget = DateInputWidget

    def __init__(self, *, label: str, must_be_past: bool = False, earliest_year: int = 1900, **kwargs: Any) -> None:
        self.noun = label[0].lower() + label[1:]
        self.must_be_past = must_be_past
        self.earliest_year = earliest_year
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields=fields, require_all_fields=False, label=label, **kwargs)
        self.error_messages["required"] = f"Enter the {self.noun}"
        self.error_messages["incomplete"] = f"Enter the {self.noun}"

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        if not data_list or not any(data_list):
            # Only spaces typed: Django's own "required" check saw text, so ask for the date here.
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        label = self.label
        missing = [name for name, part in zip(("day", "month", "year"), (day, month, year), strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and a '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"{label} must be a real date, written in numbers, for example 27 3 1990")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:  # OverflowError: a day or month too big for the machine's integers
            raise forms.ValidationError(f"{label} must be a real date") from error
        if value.year < self.earliest_year:
            raise forms.ValidationError(f"{label} must be after {self.earliest_year}")
        if self.must_be_past and value >= timezone.localdate():
            raise forms.ValidationError(f"{label} must be in the past")
        return value


def not_in_future(value: datetime.date | None, message: str) -> datetime.date | None:
    """A form's date that must be today or earlier (today as the service's clock has it): the date,
    or `message` as the field's error, such as "The date of the contact must be today or in the past"."""
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value
