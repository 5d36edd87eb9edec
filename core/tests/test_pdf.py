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
