"""The quarterly report as a PDF made on the server (fpdf2): figures, charts and the cost method."""

from __future__ import annotations

from fpdf import FPDF

from reports.figures import money
from reports.periods import Period
from reports.tables import CostFigures, Table

REPLACEMENTS = {"–": "-", "—": "-", "→": "->", "’": "'", "‘": "'", "“": '"', "”": '"', "×": "x", "÷": "/", "−": "-"}


def _latin(text: str) -> str:
    for old, new in REPLACEMENTS.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, _latin(table.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    label_w = 80
    value_w = (pdf.epw - label_w) / max(len(table.columns), 1)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(label_w, 6, "")
    for column in table.columns:
        pdf.cell(value_w, 6, _latin(column)[:28], align="R")
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for label, values in table.rows:
        pdf.cell(label_w, 6, _latin(label)[:50])
        for value in values:
            pdf.cell(value_w, 6, _latin(value)[:28], align="R")
        pdf.ln()
    if table.note:
        pdf.set_font("Helvetica", "I", 8)
        pdf.multi_cell(0, 5, _latin(table.note), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _number(value: str) -> int | None:
    """A count from a table cell ("1,234", "12.5"), or None when it is not shown."""
    cleaned = value.replace(",", "").replace("£", "").strip()
    try:
        return round(float(cleaned))
    except ValueError:
        return None


def _bars(pdf: FPDF, title: str, bars: list[tuple[str, int | None]]) -> None:
    """A simple bar chart drawn with rectangles."""
    if not bars:
        return
    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(0, 6, _latin(title), new_x="LMARGIN", new_y="NEXT")
    top, height = pdf.get_y() + 2, 40
    biggest = max([value or 0 for _, value in bars] + [1])
    step = pdf.epw / len(bars)
    pdf.set_fill_color(0, 94, 184)
    pdf.set_font("Helvetica", "", 7)
    for index, (label, value) in enumerate(bars):
        h = height * (value or 0) / biggest
        x = pdf.l_margin + index * step + step * 0.15
        pdf.rect(x, top + height - h, step * 0.7, h, style="F")
        pdf.text(x, top + height + 4, _latin(label)[:10])
        pdf.text(x, top + height - h - 1, "Not shown" if value is None else str(value))
    pdf.set_y(top + height + 8)


def quarterly_report(
    *, period: Period, tables: list[Table], costs: CostFigures, cost_table: Table, suppressed: bool, threshold: int
) -> bytes:
    pdf = FPDF()
    pdf.set_title(_latin(f"STaR report {period.label}"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, _latin(f"Support, Time and Recovery: report for {period.label}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, _latin(f"From {period.start:%-d %B %Y} to {period.end:%-d %B %Y}."), new_x="LMARGIN", new_y="NEXT")
    if suppressed:
        pdf.multi_cell(
            0,
            6,
            _latin(f"Counts of people below {threshold} are not shown, nor any count that would let someone work one out."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, "Headline figures", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    headline = next(t for t in tables if t.headline)
    for label, values in headline.rows:
        pdf.multi_cell(0, 6, _latin(f"{label}: {values[0]}"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, _latin(f"Total cost: {money.pounds(costs.total_pence)}"), new_x="LMARGIN", new_y="NEXT")
    if costs.saving is not None and not costs.saving_hidden:
        pdf.multi_cell(
            0, 6, _latin(f"Saving against the old model: {money.pounds(costs.saving.saving_pence)}"), new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(3)
    for table in tables:
        _table(pdf, table)
        if table.chart is not None and table.key != "complexity" and table.rows:
            # The same trend the web page charts: the table's first row across the periods.
            label, values = table.rows[0]
            _bars(
                pdf,
                f"{table.title}: {label.lower()}",
                [(column, _number(value)) for column, value in zip(table.columns, values, strict=False)],
            )
        if table.key == "complexity":
            _bars(
                pdf,
                "Complex or very complex referrals (%)",
                [(label, int(values[-1].rstrip("%")) if values[-1].rstrip("%").isdigit() else None) for label, values in table.rows],
            )
    _table(pdf, cost_table)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, "How the saving is worked out", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, _latin(money.__doc__ or ""), new_x="LMARGIN", new_y="NEXT")
    saving = costs.saving
    if saving is not None and not costs.saving_hidden:
        steps = [
            f"Old model cost for the period: {saving.baseline.places} places x {money.pounds(saving.baseline.cost_per_place_per_week_pence)} x {saving.weeks} weeks = {money.pounds(saving.baseline_cost_pence)}",
            f"Old model cost per person: {money.pounds(saving.baseline_cost_pence)} / {saving.baseline.people_served} people = {money.pounds(saving.baseline_cost_per_person_pence)}",
            f"Old model cost for the same people: {money.pounds(saving.baseline_cost_per_person_pence)} x {saving.people_supported} people = {money.pounds(saving.same_people_old_model_pence)}",
            f"Saving: {money.pounds(saving.same_people_old_model_pence)} - {money.pounds(saving.actual_pence)} = {money.pounds(saving.saving_pence)}",
        ]
        for step in steps:
            pdf.multi_cell(0, 5, _latin(step), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
