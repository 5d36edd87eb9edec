from __future__ import annotations

from typing import Any

from django import forms

from notifications.audiences import Audience

MOST_CHARACTERS = 600
RADIOS_UP_TO = 8


class BroadcastForm(forms.Form):
    audience = forms.ChoiceField(
        label="Who to send it to",
        widget=forms.RadioSelect,
        help_text="Only people who asked for the project's news get it, by text, email or letter as they chose.",
        error_messages={"required": "Choose who to send the message to"},
    )
    text = forms.CharField(
        label="Message",
        max_length=MOST_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Plain words, no names of other people. A text message of more than 160 characters is sent as several.",
        error_messages={
            "required": "Enter the message",
            "max_length": f"Shorten the message to {MOST_CHARACTERS} characters or fewer",
        },
    )

    def __init__(self, *args: Any, audiences: list[Audience], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.audiences = {audience.key: audience for audience in audiences}
        choices = [(audience.key, audience.label) for audience in audiences]
        if len(choices) > RADIOS_UP_TO:  # a manager's every project: a list to choose from, not a page of radios
            self.fields["audience"].widget = forms.Select()
            choices = [("", "Choose a group"), *choices]
        field = self.fields["audience"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        if "((" in text or "))" in text:
            raise forms.ValidationError("Take out the double brackets: (( and )) have a special meaning in messages")
        return text


class ReceiptForm(forms.Form):
    """The stand-in page's buttons: what Notify would report back."""

    status = forms.ChoiceField(
        choices=[("delivered", "Delivered"), ("permanent-failure", "Permanent failure"), ("temporary-failure", "Temporary failure")]
    )
