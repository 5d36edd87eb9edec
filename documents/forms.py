"""The upload form and the removal form. The file's kind is read from its content
(`documents.sniffing`), never its name; the size limit is `STAR_DOCUMENT_MAX_BYTES`."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from documents import sniffing
from documents.models import DocumentKind

# What the file picker offers (a phone offers its camera for the image types too). The server
# decides by content whatever the browser sends.
ACCEPT = "application/pdf,image/jpeg,image/png,image/heic,image/heif,.heic,text/plain,.txt,.docx"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def display_filename(name: str) -> str:
    """The uploaded file's name as display text only: no folders, no control or formatting
    characters (which could reverse how it reads), at most 255 characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(character for character in name if unicodedata.category(character)[0] != "C")
    return unicodedata.normalize("NFC", name).strip()[:255]


class DocumentForm(forms.Form):
    file = forms.FileField(
        label="Choose the file or take a photo",
        help_text="A PDF, a photo (JPEG, PNG or HEIC), a Word document (DOCX) or a text file",
        error_messages={"required": "Choose the file to upload", "empty": "The file you chose is empty. Choose another file"},
    )
    title = forms.CharField(
        label="What is it?",
        help_text="For example, letter from Dr Okafor about medication, 3 March",
        max_length=200,
        error_messages={"required": "Enter what the document is", "max_length": "What the document is must be 200 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Kind of document",
        choices=[(value, label) for value, label in DocumentKind.choices if value != DocumentKind.RECEIPT],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of document"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sniffed: sniffing.Sniffed | None = None
        self.fields["file"].help_text += f", up to {megabytes(settings.STAR_DOCUMENT_MAX_BYTES)}"

    def clean_title(self) -> str:
        title = " ".join(str(self.cleaned_data["title"]).split())
        if not title:
            raise forms.ValidationError("Enter what the document is")
        return title

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        limit = settings.STAR_DOCUMENT_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(f"The file must be {megabytes(limit)} or smaller. This one is {upload.size / (1024 * 1024):.1f} MB")
        try:
            self.sniffed = sniffing.sniff(upload)
        except sniffing.UnacceptableFile as refused:
            raise forms.ValidationError(f"{refused}. This file is none of those, whatever its name says") from refused
        return upload


class RemoveDocumentForm(forms.Form):
    reason = forms.CharField(
        label="Why are you removing it?",
        help_text="For example, it was uploaded to the wrong person's record. The file is deleted; this reason is kept",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={"required": "Enter why you are removing the document"},
    )
