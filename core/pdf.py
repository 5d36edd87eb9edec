"""PDFs made on the server (fpdf2) with fonts that print everyone's name.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and Hebrew; Droid Sans Fallback adds Chinese,
Japanese and Korean. Both come from Debian packages (fonts-dejavu-core, fonts-droid-fallback,
installed by .ci/run). Where DejaVu is missing the PDF falls back to Helvetica, which prints
Latin-1 only (other characters become "?"), rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import TextEmphasis
from fpdf.line_break import Fragment

FAMILY = "StarSans"
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)
STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf", "BI": "DejaVuSans-BoldOblique.ttf"}
FALLBACKS = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf"),
)
FALLBACK_KEY = "starfallback"  # fpdf2's key for the family "StarFallback", regular
LATIN_REPLACEMENTS = {"–": "-", "—": "-", "→": "->", "’": "'", "‘": "'", "“": '"', "”": '"', "×": "x", "÷": "/", "−": "-"}


def font_files() -> dict[str, Path] | None:
    """The DejaVu Sans files for each style, or None when they are not installed."""
    for folder in FONT_DIRS:
        found = {style: folder / name for style, name in STYLES.items()}
        if all(path.is_file() for path in found.values()):
            return found
    return None


def fallback_font() -> Path | None:
    return next((path for path in FALLBACKS if path.is_file()), None)


class StarPDF(FPDF):
    """An A4 FPDF whose `family` prints any name; `clean(text)` makes text printable with it.

    Reading a font file costs a PDF more than writing its pages (a tenth of a second for each
    DejaVu style, over a second for the Chinese, Japanese and Korean fallback), so each is read
    when the document first needs it: a style when it is first used, the fallback when a
    character DejaVu lacks is first written. (A font read once cannot be shared between
    documents: fpdf2 cuts it down to the glyphs used as it writes the file.)"""

    def __init__(self) -> None:
        super().__init__(format="A4")
        self._files = font_files()
        self._fallback = fallback_font() if self._files is not None else None
        self.unicode = self._files is not None
        self.family = FAMILY if self._files is not None else "Helvetica"

    def use(self, style: str = "", size: float = 10) -> None:
        self.set_font(self.family, style, size)

    def set_font(self, family: str | None = None, style: str | TextEmphasis = "", size: float = 0) -> None:
        """fpdf2's, reading a DejaVu style the first time it is asked for (tables and markdown
        switch to bold through here too)."""
        if self._files is not None and (family or self.font_family).lower() == FAMILY.lower():
            letters = style.style if isinstance(style, TextEmphasis) else style
            wanted = "".join(letter for letter in "BI" if letter in letters.upper())
            if f"{FAMILY.lower()}{wanted}" not in self.fonts:
                self.add_font(FAMILY, wanted, str(self._files[wanted]))
        super().set_font(family, style, size)

    def _parse_chars(self, text: str, markdown: bool, **kwargs: Any) -> Iterator[Fragment]:
        """fpdf2's (2.8.9, pinned), turning the fallback on when text first has a character the
        current font lacks: with a fallback set, fpdf2 splits all text a character at a time, which
        made the quarterly report's tables three times slower to write."""
        if not self._fallback_font_ids and self._fallback is not None and self.is_ttf_font:
            glyphs = self.current_font.cmap  # type: ignore[union-attr]
            if not glyphs.keys() >= {ord(char) for char in text if char != "\n"}:
                # What set_fallback_fonts(["StarFallback"], exact_match=False) sets, before the
                # font is read (get_fallback_font reads it): bold and italic fall back to it too.
                self._fallback_font_ids = [FALLBACK_KEY]
                self._fallback_font_exact_match = False
        return super()._parse_chars(text, markdown, **kwargs)

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        if self._fallback is not None and FALLBACK_KEY not in self.fonts:
            self.add_font("StarFallback", "", str(self._fallback))  # one file for every style
        return super().get_fallback_font(char, style)

    def clean(self, text: object) -> str:
        value = "" if text is None else str(text)
        if self.unicode:
            return value
        for old, new in LATIN_REPLACEMENTS.items():
            value = value.replace(old, new)
        return value.encode("latin-1", "replace").decode("latin-1")
