"""The quarterly report as a PDF made on the server (fpdf2): figures, charts and the cost method."""

from __future__ import annotations

from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from core.pdf import StarPDF
from core.periods import Period
from reports.charts import BarChart
from reports.figures import money
from reports.tables import CostFigures, Table

LINE = 5  # mm between lines of table text
LABEL_SHARE = 0.42  # of the page width, for the first column
CHART_HEIGHT = 40  # mm


def _heading(pdf: StarPDF, text: str, size: float = 12) -> None:
    pdf.use("B", size)
    pdf.multi_cell(0, size * 0.55, pdf.clean(text), new_x="LMARGIN", new_y="NEXT")


def _table(pdf: StarPDF, table: Table) -> None:
    """The table as the page shows it. Every cell wraps inside its column (fpdf2 tables), so long
    headings and labels take more lines instead of running into each other."""
    if pdf.get_y() + 40 > pdf.page_break_trigger:
        pdf.add_page()
    _heading(pdf, table.title)
    if table.note:
        pdf.use("", 9)
        pdf.multi_cell(0, 4.5, pdf.clean(table.note), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    if table.chart is not None:
        _bars(pdf, table.chart)  # the page's chart, from the same data
    columns = max(len(table.columns), 1)
    label_w = pdf.epw * (0.6 if columns == 1 else LABEL_SHARE if columns <= 3 else 0.22)
    value_w = (pdf.epw - label_w) / columns
    pdf.use("", 9)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=(label_w, *([value_w] * columns)),
        text_align=("LEFT", *(["RIGHT"] * columns)),
        line_height=LINE,
        headings_style=FontFace(emphasis="BOLD", fill_color=(232, 237, 238)),
        cell_fill_mode=TableCellFillMode.NONE,
        borders_layout="HORIZONTAL_LINES",
        padding=1,
        width=pdf.epw,
        repeat_headings=1,
    ) as grid:
        head = grid.row()
        head.cell("")
        for column in table.columns:
            head.cell(pdf.clean(column))
        for label, values in table.rows:
            row = grid.row()
            row.cell(pdf.clean(label))
            for value in values:
                row.cell(pdf.clean(value))
    pdf.ln(4)


def _bars(pdf: StarPDF, chart: BarChart) -> None:
    """The page's chart (the same `BarChart` data) drawn with rectangles; labels wrap under their bar."""
    if not chart.bars:
        return
    label_lines = 3
    needed = 8 + CHART_HEIGHT + 6 + label_lines * 3.5 + 4
    if pdf.get_y() + needed > pdf.page_break_trigger:
        pdf.add_page()
    pdf.use("B", 10)
    pdf.multi_cell(0, 5, pdf.clean(chart.title), new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 6
    biggest = max([value or 0 for _, value in chart.bars] + [1])
    step = pdf.epw / len(chart.bars)
    bottom = top + CHART_HEIGHT
    pdf.set_draw_color(216, 221, 224)
    pdf.line(pdf.l_margin, bottom, pdf.l_margin + pdf.epw, bottom)
    pdf.set_fill_color(0, 94, 184)
    show_every = max(1, len(chart.bars) // 12)
    for index, (label, value) in enumerate(chart.bars):
        h = CHART_HEIGHT * (value or 0) / biggest
        left = pdf.l_margin + index * step
        if h:
            pdf.rect(left + step * 0.15, bottom - h, step * 0.7, h, style="F")
        pdf.use("", 7)
        pdf.set_xy(left, bottom - h - 4.5)
        pdf.cell(step, 4, pdf.clean("Not shown" if value is None else f"{value}{chart.unit}"), align="C")
        if index % show_every == 0:
            pdf.set_xy(left, bottom + 1)
            pdf.multi_cell(step, 3.5, pdf.clean(label), align="C", max_line_height=3.5)
    pdf.set_xy(pdf.l_margin, bottom + 1 + label_lines * 3.5 + 4)


def quarterly_report(
    *, period: Period, tables: list[Table], costs: CostFigures, cost_table: Table, suppressed: bool, threshold: int
) -> bytes:
    pdf = StarPDF()
    pdf.set_title(pdf.clean(f"STaR report {period.label}"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.use("B", 18)
    pdf.multi_cell(0, 10, pdf.clean(f"Support, Time and Recovery: report for {period.label}"), new_x="LMARGIN", new_y="NEXT")
    pdf.use("", 10)
    pdf.multi_cell(0, 6, pdf.clean(f"From {period.start:%-d %B %Y} to {period.end:%-d %B %Y}."), new_x="LMARGIN", new_y="NEXT")
    if suppressed:
        pdf.multi_cell(
            0,
            6,
            pdf.clean(f"Counts of people below {threshold} are not shown, nor any count that would let someone work one out."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(2)
    pdf.use("B", 12)
    pdf.multi_cell(0, 7, "Headline figures", new_x="LMARGIN", new_y="NEXT")
    pdf.use("", 10)
    headline = next(t for t in tables if t.headline)
    for label, values in headline.rows:
        pdf.multi_cell(0, 6, pdf.clean(f"{label}: {values[0]}"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, pdf.clean(f"Total cost: {money.pounds(costs.total_pence)} ({costs.counted})"), new_x="LMARGIN", new_y="NEXT")
    if costs.saving is not None and not costs.saving_hidden:
        pdf.multi_cell(
            0, 6, pdf.clean(f"Saving against the old model: {money.pounds(costs.saving.saving_pence)}"), new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(3)
    for table in tables:
        _table(pdf, table)
    _table(pdf, cost_table)
    pdf.use("B", 12)
    pdf.multi_cell(0, 7, "How the saving is worked out", new_x="LMARGIN", new_y="NEXT")
    pdf.use("", 9)
    pdf.multi_cell(0, 5, pdf.clean(money.__doc__ or ""), new_x="LMARGIN", new_y="NEXT")
    saving = costs.saving
    if saving is not None and not costs.saving_hidden:
        steps = [
            f"Old model cost for the period: {saving.baseline.places} places x {money.pounds(saving.baseline.cost_per_place_per_week_pence)} x {saving.weeks} weeks = {money.pounds(saving.baseline_cost_pence)}",
            f"Old model cost per person: {money.pounds(saving.baseline_cost_pence)} / {saving.baseline.people_served} people = {money.pounds(saving.baseline_cost_per_person_pence)}",
            f"Old model cost for the same people: {money.pounds(saving.baseline_cost_per_person_pence)} x {saving.people_supported} people = {money.pounds(saving.same_people_old_model_pence)}",
            f"Saving: {money.pounds(saving.same_people_old_model_pence)} - {money.pounds(saving.actual_pence)} = {money.pounds(saving.saving_pence)}",
        ]
        for step in steps:
            pdf.multi_cell(0, 5, pdf.clean(step), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
