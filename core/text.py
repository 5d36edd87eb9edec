"""Text that cannot spoof (issue 19 item 7): one rule for names and other identifying text, on
every form, the API and imports.

Refused: control characters (line breaks included, in one-line text), bidirectional overrides,
embeddings and isolates, direction marks, and invisible zero-width characters, which can make a
name look like another in queues and registers or stop two records matching. Zero-width joiners
and non-joiners (U+200C, U+200D) are allowed: Persian and Indic names need them. Everything kept is
normalised to Unicode NFC, so the same name typed on two keyboards is the same text.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

HIDDEN = frozenset(
    {
        0x061C,  # Arabic letter mark
        0x180E,  # Mongolian vowel separator
        0x200B,  # zero width space
        0x200E,  # left-to-right mark
        0x200F,  # right-to-left mark
        *range(0x202A, 0x202F),  # embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
        0x2060,  # word joiner
        *range(0x2066, 0x206A),  # isolates (LRI, RLI, FSI, PDI)
        0xFEFF,  # zero width no-break space
    }
)
MESSAGE = "Remove the hidden or direction-changing characters (they often come from copying and pasting), then try again"


def spoofing_characters(value: str) -> list[str]:
    """The characters in `value` that this rule refuses, as U+XXXX codes."""
    return [
        f"U+{ord(char):04X}"
        for char in value
        if ord(char) in HIDDEN
        or (unicodedata.category(char) == "Cc")
        or (unicodedata.category(char) == "Cf" and ord(char) not in (0x200C, 0x200D, 0x00AD))
    ]


def normalise(value: str) -> str:
    return unicodedata.normalize("NFC", value)


@deconstructible
class NoSpoofing:
    """A field validator: refuses control, bidirectional and invisible characters."""

    message = MESSAGE
    code = "spoofing_characters"

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and spoofing_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoSpoofing)

    def __hash__(self) -> int:
        return hash(self.code)


no_spoofing = NoSpoofing()


def clean_identifying(value: str) -> str:
    """For forms and serializers: refuse spoofing characters, then normalise to NFC."""
    no_spoofing(value)
    return normalise(value)


class IdentifyingTextField(forms.CharField):
    """A form field for a name or other identifying text shown to others: refuses spoofing
    characters (`no_spoofing`) and gives back the text normalised to NFC."""

    default_validators = [no_spoofing]

    def to_python(self, value: object) -> str | None:
        text = super().to_python(value)
        return normalise(text) if isinstance(text, str) else text
