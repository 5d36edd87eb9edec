"""PDFs made on the server (fpdf2) with fonts that print everyone's name.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and Hebrew; Droid Sans Fallback adds Chinese,
Japanese and Korean. Both come from Debian packages (fonts-dejavu-core, fonts-droid-fallback,
installed by .ci/run). Where DejaVu is missing the PDF falls back to Helvetica, which prints
Latin-1 only (other characters become "?"), rather than failing.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

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
    """An A4 FPDF whose `family` prints any name; `clean(text)` makes text printable with it."""

    def __init__(self) -> None:
        super().__init__(format="A4")
        files = font_files()
        self.unicode = files is not None
        self.family = FAMILY if files is not None else "Helvetica"
        if files is not None:
            for style, path in files.items():
                self.add_font(FAMILY, style, str(path))
            fallback = fallback_font()
            if fallback is not None:
                # One file has every style, so it is read once (reading it takes a quarter of a
                # second): exact_match=False lets bold and italic text fall back to it too.
                self.add_font("StarFallback", "", str(fallback))
                self.set_fallback_fonts(["StarFallback"], exact_match=False)

    def use(self, style: str = "", size: float = 10) -> None:
        self.set_font(self.family, style, size)

    def clean(self, text: object) -> str:
        value = "" if text is None else str(text)
        if self.unicode:
            return value
        for old, new in LATIN_REPLACEMENTS.items():
            value = value.replace(old, new)
        return value.encode("latin-1", "replace").decode("latin-1")
