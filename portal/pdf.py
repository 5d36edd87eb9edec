"""The readable copy of a member's record as a PDF made on the server with fpdf2: the same
sections, headings and wording as the page (`records.member_copy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from core.pdf import StarPDF
from people.models import Person
from records.member_copy import Line, readable_copy


def _line(pdf: StarPDF, width: float, line: Line) -> None:
    if line.label:
        pdf.use("B", 10)
        pdf.multi_cell(width, 5, pdf.clean(line.label), new_x="LMARGIN", new_y="NEXT")
    pdf.use("", 10)
    pdf.multi_cell(width, 5, pdf.clean(line.value), new_x="LMARGIN", new_y="NEXT")
    if line.label:
        pdf.ln(1)


def record_pdf(person: Person, exported: dict[str, Any]) -> bytes:
    copy = readable_copy(exported, service_name=settings.STAR_SERVICE_NAME)
    pdf = StarPDF()
    pdf.set_title(pdf.clean(copy.title))
    pdf.set_lang("en-GB")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw
    pdf.use("B", 18)
    pdf.multi_cell(width, 10, pdf.clean(copy.title), new_x="LMARGIN", new_y="NEXT")
    pdf.use("", 11)
    pdf.multi_cell(width, 6, pdf.clean(f"For {person.full_name}. Made on {copy.made_on}."), new_x="LMARGIN", new_y="NEXT")
    if copy.what_is_left_out:
        pdf.ln(2)
        pdf.multi_cell(width, 6, pdf.clean(copy.what_is_left_out), new_x="LMARGIN", new_y="NEXT")
    for section in copy.sections:
        pdf.ln(4)
        pdf.use("B", 15)
        pdf.multi_cell(width, 8, pdf.clean(section.heading), new_x="LMARGIN", new_y="NEXT")
        if section.intro:
            pdf.use("", 10)
            pdf.multi_cell(width, 5, pdf.clean(section.intro), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        for entry in section.entries:
            if entry.heading:
                pdf.ln(1)
                pdf.use("B", 12)
                pdf.multi_cell(width, 6, pdf.clean(entry.heading), new_x="LMARGIN", new_y="NEXT")
            for line in entry.lines:
                _line(pdf, width, line)
            for heading, lines in entry.subheadings:
                pdf.ln(1)
                pdf.use("BI", 11)
                pdf.multi_cell(width, 6, pdf.clean(heading), new_x="LMARGIN", new_y="NEXT")
                for line in lines:
                    _line(pdf, width, line)
            pdf.ln(2)
    return bytes(pdf.output())
