"""Licensed wording entered on a page: the questions item by item (or pasted all at once, or from
a text file, one a line) and the answer labels, checked against the instrument's items (how many,
in which order) and its answer options before anything is loaded.

Placeholder text is refused, so members never see it: a licensed measure whose wording has not
been loaded is not offered to them (`Instrument.wording_available`)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from outcomes.loading import is_placeholder
from outcomes.models import Instrument, Item

NUMBERED = re.compile(r"^\s*(?:Q(?:uestion)?\s*)?(?P<number>\d{1,3})\s*[.):\-]\s*(?P<text>.*)$", re.IGNORECASE)
MAX_TEXT_FILE = 100_000


def current_wording(instrument: Instrument, items: list[Item]) -> dict[str, Any]:
    """What is loaded now, as the form's fields (placeholder text shown as nothing loaded)."""
    loaded = instrument.wording_loaded_at is not None
    values: dict[str, Any] = {"timeframe": instrument.timeframe}
    for item in items:
        values[f"item_{item.link_id}"] = item.text if loaded and not is_placeholder(item.text) else ""
    for option in instrument.answer_options:
        values[f"answer_{option['value']}"] = str(option.get("label", ""))
    return values


def split_lines(text: str) -> list[tuple[int | None, str]]:
    """Non-empty lines, each with the number it starts with ("3.", "Q3)", "3 -"), if any."""
    found: list[tuple[int | None, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        numbered = NUMBERED.match(line)
        if numbered and numbered["text"].strip():
            found.append((int(numbered["number"]), numbered["text"].strip()))
        else:
            found.append((None, line.strip()))
    return found


class WordingForm(forms.Form):
    """One field per question and per answer option of the instrument, plus a box to paste every
    question at once and a text file to upload them from."""

    timeframe = forms.CharField(
        label="What time the questions ask about (optional)",
        help_text="For example: Below are some statements about feelings and thoughts. Think about the last 2 weeks.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    paste = forms.CharField(
        label="Paste every question at once (optional)",
        help_text="One question a line, in the order of the measure. Numbers at the start of a line (1. or 1)) are checked and removed.",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    upload = forms.FileField(
        label="Or upload a text file of the questions (optional)",
        help_text="A .txt file with one question a line, in the order of the measure.",
        required=False,
    )

    def __init__(self, data: Any = None, files: Any = None, *, instrument: Instrument, items: list[Item], initial: Any = None) -> None:
        super().__init__(data, files, initial=initial)
        self.instrument = instrument
        self.items = items
        for number, item in enumerate(items, start=1):
            self.fields[f"item_{item.link_id}"] = forms.CharField(
                label=f"Question {number}",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for option in instrument.answer_options:
            self.fields[f"answer_{option['value']}"] = forms.CharField(
                label=f"Answer scored {option['value']}",
                required=False,
                max_length=200,
                help_text="The words people choose, for example: Some of the time",
            )

    def clean_upload(self) -> str:
        upload = self.cleaned_data.get("upload")
        if not upload:
            return ""
        if upload.size > MAX_TEXT_FILE:
            raise forms.ValidationError("The file is too big: a file of questions is smaller than 100 KB")
        if not upload.name.lower().endswith(".txt"):
            raise forms.ValidationError("Upload a text file (.txt) with one question a line, or paste the questions instead")
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError("The file could not be read as text: save it as UTF-8 text and upload it again") from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        many = cleaned.get("paste") or cleaned.get("upload") or ""
        source = "paste" if cleaned.get("paste") else "upload"
        if many:
            self._fill_from(many, source, cleaned)
        count = len(self.items)
        for number, item in enumerate(self.items, start=1):
            name = f"item_{item.link_id}"
            text = (cleaned.get(name) or "").strip()
            cleaned[name] = text
            if not text and name not in self.errors and not self.errors.get(source):
                self.add_error(name, f"Enter question {number} of {count}, or paste every question at once")
            elif is_placeholder(text):
                self.add_error(name, f"Question {number} is placeholder text: enter the licensed wording")
        labels = [(option["value"], (cleaned.get(f"answer_{option['value']}") or "").strip()) for option in self.instrument.answer_options]
        for value, label in labels:
            if not label:
                self.add_error(f"answer_{value}", f"Enter the words for the answer scored {value}")
            elif is_placeholder(label):
                self.add_error(f"answer_{value}", f"The answer scored {value} is placeholder text: enter the licensed wording")
        return cleaned

    def _fill_from(self, text: str, source: str, cleaned: dict[str, Any]) -> None:
        lines = split_lines(text)
        count = len(self.items)
        numbers = [number for number, _ in lines if number is not None]
        if len(lines) != count:
            self.add_error(
                source,
                f"There {'is' if len(lines) == 1 else 'are'} {len(lines)} question{'' if len(lines) == 1 else 's'} here, "
                f"but {self.instrument.short_name} has {count}: give every question, one a line",
            )
            return
        if numbers and numbers != list(range(1, count + 1)):
            out_of_order = next((n for position, (n, _) in enumerate(lines, start=1) if n is not None and n != position), numbers[0])
            self.add_error(
                source,
                f"The questions are not in the measure's order (question {out_of_order} is in the wrong place): "
                f"put them in order, 1 to {count}",
            )
            return
        for item, (_, line) in zip(self.items, lines, strict=True):
            cleaned[f"item_{item.link_id}"] = line

    def wording(self) -> dict[str, Any]:
        """The wording as `outcomes.loading.load_wording` reads it."""
        data = self.cleaned_data
        wording: dict[str, Any] = {
            "instrument": self.instrument.code,
            "items": [{"link_id": item.link_id, "text": data[f"item_{item.link_id}"]} for item in self.items],
            "answer_labels": [{"value": o["value"], "label": data[f"answer_{o['value']}"]} for o in self.instrument.answer_options],
        }
        if data.get("timeframe"):
            wording["timeframe"] = data["timeframe"].strip()
        return wording
