"""The readable copy of a member's record: a plain PDF made on the server with fpdf2."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from fpdf import FPDF

from people.models import Person


def _text(value: object) -> str:
    # The built-in PDF fonts cover Latin-1; anything else is shown as "?" (the JSON file keeps it exactly).
    return str(value).encode("latin-1", "replace").decode("latin-1")


def _value(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, dict | list):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else ", ".join(map(str, value))
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value)


def record_pdf(person: Person, exported: dict[str, Any]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_text(f"Your record in {settings.STAR_SERVICE_NAME}"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(width, 10, _text(f"Your record in {settings.STAR_SERVICE_NAME}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(width, 6, _text(f"{person.full_name}. Made on {exported['exported_at'][:10]}."), new_x="LMARGIN", new_y="NEXT")
    if exported.get("what_is_left_out"):
        pdf.ln(2)
        pdf.multi_cell(width, 6, _text(exported["what_is_left_out"]), new_x="LMARGIN", new_y="NEXT")
    for section in exported["sections"].values():
        records = section["records"]
        if not records:
            continue
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(width, 8, _text(section["title"]), new_x="LMARGIN", new_y="NEXT")
        for row in records:
            pdf.set_font("Helvetica", "", 10)
            for key, value in row.items():
                pdf.multi_cell(width, 5, _text(f"{key}: {_value(value)}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())
