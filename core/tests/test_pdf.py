"""PDFs print every name: DejaVu Sans with a CJK fallback, Helvetica (Latin-1) only without them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from core import pdf as core_pdf
from core.pdf import StarPDF

NAME = "Zoë Łukasz محمد 李"


def _text(made: StarPDF) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(made.output()))).pages)


def test_a_non_latin_name_is_printed() -> None:
    made = StarPDF()
    assert made.unicode, "fonts-dejavu-core is installed by .ci/run"
    made.add_page()
    made.use("B", 14)
    made.multi_cell(0, 8, made.clean(f"Crisis plan: {NAME}"), new_x="LMARGIN", new_y="NEXT")
    text = _text(made)
    assert "Zoë Łukasz" in text and "李" in text
    assert "محمد" in text or "دمحم" in text


def test_without_the_fonts_it_still_makes_a_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_pdf, "FONT_DIRS", ())
    made = StarPDF()
    assert not made.unicode and made.family == "Helvetica"
    made.add_page()
    made.use("", 10)
    made.multi_cell(0, 6, made.clean(f"{NAME} – ok"), new_x="LMARGIN", new_y="NEXT")
    assert "Zoë ?ukasz" in _text(made)


def test_fonts_are_read_only_when_the_document_needs_them() -> None:
    """Reading a font costs more than writing the pages: a Latin-only document in regular and
    bold reads those two styles, and the CJK fallback waits for a character DejaVu lacks."""
    made = StarPDF()
    assert core_pdf.fallback_font() is not None, "fonts-droid-fallback is installed by .ci/run"
    made.add_page()
    made.use("", 10)
    made.multi_cell(0, 6, made.clean("Referrals this quarter: 12 – Zoë"), new_x="LMARGIN", new_y="NEXT")
    made.use("B", 12)
    made.multi_cell(0, 6, made.clean("Waiting times"), new_x="LMARGIN", new_y="NEXT")
    assert set(made.fonts) == {"starsans", "starsansB"}
    made.use("I", 10)
    made.multi_cell(0, 6, made.clean("Mei 李"), new_x="LMARGIN", new_y="NEXT")
    assert set(made.fonts) == {"starsans", "starsansB", "starsansI", core_pdf.FALLBACK_KEY}
    assert "李" in _text(made)
