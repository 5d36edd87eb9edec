"""The forms of the old-system import: the file, then which column fills which field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from interop.legacy.models import DateFormat, Delimiter, ImportKind
from interop.legacy.validation import fields_for


def size_in_words(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        help_text="Bring in people first: referrals, contacts and attendance are matched to the people already brought in.",
        error_messages={"required": "Choose what the file holds"},
    )
    source_system = forms.CharField(
        label="Name of the old system",
        max_length=100,
        help_text="For example, Day Centre Records. Used to recognise rows already brought in.",
        error_messages={"required": "Enter the name of the old system"},
    )
    file = forms.FileField(
        label="File (CSV or Excel .xlsx)",
        error_messages={
            "required": "Choose a CSV or Excel file to upload",
            "empty": "The file is empty: choose a file with a heading row and rows of data",
        },
    )

    delimiter = forms.ChoiceField(
        label="What separates the columns of a CSV file?",
        choices=Delimiter.choices,
        required=False,
        help_text="STaR finds it from the file's first lines; choose one if the columns come out wrong. Not used for Excel files.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.STAR_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file is too big. It must be {size_in_words(limit)} or smaller: split it into smaller files.")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("The file must be a CSV file or an Excel workbook (.xlsx)")
        return upload


class MappingForm(forms.Form):
    """One choice per STaR field of the file's headings; optionally saved under a name."""

    def __init__(
        self,
        data: Any = None,
        *,
        kind: str,
        headings: list[str],
        initial: dict[str, str] | None = None,
        samples: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.targets = fields_for(kind)
        samples = samples or {}
        # Each column is offered with what it holds, so the right one is easy to pick.
        choices = [
            ("", "Not in the file"),
            *((heading, _with_samples(heading, samples.get(heading, []))) for heading in headings if heading),
        ]
        for target in self.targets:
            self.fields[target.name] = forms.ChoiceField(
                label=target.label + ("" if target.required else " (optional)"),
                choices=choices,
                required=target.required,
                error_messages={"required": f"Choose the column that holds the {target.label.lower()}"},
            )
        self.fields["date_format"] = forms.ChoiceField(
            label="How does the file write dates?",
            choices=DateFormat.choices,
            required=False,
            widget=forms.RadioSelect,
            help_text="03/04/1985 is 3 April written day first and 4 March written month first.",
        )
        self.fields["save_as"] = forms.CharField(
            label="Save this mapping to use again (optional)",
            help_text="Give it a name, for example Day centre files. Saved mappings are kept for each kind of file.",
            max_length=100,
            required=False,
        )

    def columns(self) -> dict[str, str]:
        return {target.name: self.cleaned_data[target.name] for target in self.targets}


def _with_samples(heading: str, values: list[str]) -> str:
    return f"{heading} (for example: {', '.join(values)})" if values else f"{heading} (empty in the first rows)"


class UseMappingForm(forms.Form):
    mapping = forms.ChoiceField(label="Use a saved mapping", error_messages={"required": "Choose a saved mapping"})

    def __init__(self, data: Any = None, *, names: list[str]) -> None:
        super().__init__(data)
        choice = self.fields["mapping"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", "Choose a mapping"), *((name, name) for name in names)]
