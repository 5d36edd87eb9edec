"""The readable copy of a member's record: a plain PDF made on the server with fpdf2."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from core.pdf import StarPDF
from people.models import Person


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
    pdf = StarPDF()
    pdf.set_title(pdf.clean(f"Your record in {settings.STAR_SERVICE_NAME}"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw
    pdf.use("B", 18)
    pdf.multi_cell(width, 10, pdf.clean(f"Your record in {settings.STAR_SERVICE_NAME}"), new_x="LMARGIN", new_y="NEXT")
    pdf.use("", 11)
    pdf.multi_cell(width, 6, pdf.clean(f"{person.full_name}. Made on {exported['exported_at'][:10]}."), new_x="LMARGIN", new_y="NEXT")
    if exported.get("what_is_left_out"):
        pdf.ln(2)
        pdf.multi_cell(width, 6, pdf.clean(exported["what_is_left_out"]), new_x="LMARGIN", new_y="NEXT")
    for section in exported["sections"].values():
        records = section["records"]
        if not records:
            continue
        pdf.ln(4)
        pdf.use("B", 14)
        pdf.multi_cell(width, 8, pdf.clean(section["title"]), new_x="LMARGIN", new_y="NEXT")
        for row in records:
            pdf.use("", 10)
            for key, value in row.items():
                pdf.multi_cell(width, 5, pdf.clean(f"{key}: {_value(value)}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())
