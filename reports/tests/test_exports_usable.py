"""Every report download opens and is usable: XLSX with numbers, a frozen and filtered header; the
PDF draws the page's charts, its text never overlaps and it prints any name."""

from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from fpdf import FPDF
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from conftest import World, sign_in
from core.pdf import font_files
from reports import pdf as report_pdf
from reports import tables
from reports.charts import BarChart, bar_chart
from reports.figures import equality
from reports.tables import CostFigures, Table
from reports.tests.fixtures import Fixture, build

Q3 = "?kind=quarter&start=2025-11-01"
NAME = "Zoë Łukasz محمد 李"


@pytest.fixture
def counted(world: World) -> Fixture:
    return build(world.worker)


def _page_tables(client: Client, monkeypatch: pytest.MonkeyPatch) -> list[Table]:
    """The tables the dashboard page shows (Jinja2 responses carry no context)."""
    built: list[Table] = []
    real = tables.build

    def recording(*args: Any, **kwargs: Any) -> list[Table]:
        built[:] = real(*args, **kwargs)
        return built

    with monkeypatch.context() as patch:
        patch.setattr(tables, "build", recording)
        assert client.get(reverse("reports:dashboard") + Q3).status_code == 200
    return list(built)


def _keys(client: Client, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    keys = [t.key for t in _page_tables(client, monkeypatch)]
    return [*keys, "costs", *(f"equality-{q}" for q in equality.QUESTIONS)]


@pytest.mark.django_db
def test_every_table_downloads_as_csv_and_a_usable_workbook(
    client: Client, world: World, counted: Fixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    for user in (world.commissioner, world.manager):
        sign_in(client, user)
        for key in _keys(client, monkeypatch):
            csv = client.get(reverse("reports:export_table", kwargs={"key": key, "fmt": "csv"}) + Q3)
            assert csv.status_code == 200, key
            response = client.get(reverse("reports:export_table", kwargs={"key": key, "fmt": "xlsx"}) + Q3)
            assert response.status_code == 200, key
            sheet = load_workbook(io.BytesIO(response.content)).active
            assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")
            assert sheet["A1"].value == "Figure" and sheet["A1"].font.b
            assert (
                sheet.freeze_panes == "B2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
            )
            for row in sheet.iter_rows(min_row=2, min_col=2):
                for cell in row:
                    text = str(cell.value or "")
                    assert cell.data_type == "n" or not text.replace(",", "").replace(".", "").lstrip("£+-").rstrip("%").isdigit(), (
                        key,
                        text,
                    )


@pytest.mark.django_db
def test_outcomes_workbook_opens(client: Client, world: World, counted: Fixture) -> None:
    """It was a 500: "Invalid character : found in sheet title"."""
    sign_in(client, world.manager)
    response = client.get(reverse("reports:export_table", kwargs={"key": "outcomes", "fmt": "xlsx"}) + Q3)
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active.title == "Outcomes change from first to l"


@pytest.mark.django_db
def test_pdf_draws_the_same_charts_as_the_page(client: Client, world: World, counted: Fixture, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[BarChart] = []
    monkeypatch.setattr(report_pdf, "_bars", lambda pdf, chart: drawn.append(chart))
    for user in (world.commissioner, world.manager):
        drawn.clear()
        sign_in(client, user)
        assert client.get(reverse("reports:quarterly_pdf") + Q3).status_code == 200
        page = _page_tables(client, monkeypatch)
        on_page = [t.chart for t in page if t.chart is not None]
        assert drawn == on_page and len(drawn) >= 3
        referrals = page[0]
        assert [value for _, value in drawn[0].bars] == [None if v == "Not shown" else int(v) for v in referrals.rows[-1][1]]


def _runs(content: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """(page, text, left, bottom, right, top) of every line of text, in points. pypdf reports the
    pieces of one line written in different fonts (a fallback font, right-to-left text) at the
    line's start, so pieces at the same start are joined end to end."""
    measure = FPDF(unit="pt")
    files = font_files()
    assert files is not None, "fonts-dejavu-core is installed by .ci/run"
    measure.add_font("m", "", str(files[""]))
    measure.add_font("m", "B", str(files["B"]))
    found: list[tuple[int, str, float, float, float, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(content)).pages):

        def visit(text: str, cm: list[float], tm: list[float], font: dict[str, Any] | None, size: float, number: int = number) -> None:
            text = text.strip()
            if not text or font is None:
                return
            measure.set_font("m", "B" if "Bold" in str(font.get("/BaseFont", "")) else "", size)
            width = measure.get_string_width(text)
            x, y = tm[4], tm[5]
            if found and found[-1][0] == number and abs(found[-1][2] - x) < 0.01 and abs(found[-1][3] - (y - size * 0.2)) < 0.01:
                last = found.pop()
                found.append((number, last[1] + text, x, last[3], last[4] + width, last[5]))
                return
            found.append((number, text, x, y - size * 0.2, x + width, y + size * 0.75))

        page.extract_text(visitor_text=visit)
    return found


def _overlaps(runs: list[tuple[int, str, float, float, float, float]]) -> list[tuple[str, str]]:
    clashes = []
    for index, (page, text, left, bottom, right, top) in enumerate(runs):
        for other in runs[index + 1 :]:
            if other[0] == page and left < other[4] - 0.5 and other[2] < right - 0.5 and bottom < other[5] - 0.5 and other[3] < top - 0.5:
                clashes.append((text, other[1]))
    return clashes


def _long_report() -> bytes:
    period = SimpleNamespace(start=date(2025, 10, 1), end=date(2025, 12, 31), label="Q3 2025/26")
    columns = ["1: Straightforward", "2: Some complexity", "3: Complex", "4: Very complex", "Not rated", "Complex or very complex (3 or 4)"]
    long_label = "People supported (1-to-1, drop-ins and groups) at " + NAME + " community allotment and garden project"
    headline = Table("one-to-one", "1-to-1 enablement", ["Q3 2025/26"], [("People supported in 1-to-1", ["Not shown"])], headline=True)
    wide = Table(
        "complexity",
        "Complexity of referrals over time at " + NAME + ", a project with a long name that wraps onto a second line",
        columns,
        [(long_label, ["1,234", "Not shown", "12", "0", "3", "45%"]), ("1 October 2025 to 24 October 2025", ["1"] * 6)],
        "Referrals received, by the complexity rated at triage.",
        chart=bar_chart(
            title="Share of rated referrals that were complex or very complex, by month",
            chart_id="c",
            bars=[("1 October 2025 to 24 October 2025", 45), ("September 2025 (custom)", None), ("Q3 2024/25", 12)],
            unit="%",
        ),
    )
    costs = CostFigures({}, 0, [], volunteer_hours=0, volunteer_rate_pence=0, saving=None)  # type: ignore[arg-type]
    cost_table = Table("costs", "Costs and more for less", ["Q3 2025/26"], [("Total cost", ["£0.00"])])
    return report_pdf.quarterly_report(
        period=period,  # type: ignore[arg-type]
        tables=[headline, wide],
        costs=costs,
        cost_table=cost_table,
        suppressed=True,
        threshold=5,
    )


def test_pdf_prints_non_latin_names_and_nothing_overlaps() -> None:
    content = _long_report()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for word in ("Zoë", "Łukasz", "李", "Not shown", "45%", "1,234"):
        assert word in text, word
    assert "محمد" in text or "دمحم" in text  # right-to-left: extracted in either order
    runs = _runs(content)
    assert len(runs) > 20
    assert _overlaps(runs) == []


def test_the_overlap_check_finds_overprinted_headings() -> None:
    """The check above would catch the old layout: fixed-width cells overprint long headings."""
    pdf = FPDF(unit="mm")
    files = font_files()
    assert files is not None
    pdf.add_font("d", "", str(files[""]))
    pdf.add_page()
    pdf.set_font("d", "", 9)
    for index, heading in enumerate(["Complex or very complex (3 or 4)", "Not rated at triage"]):
        pdf.set_xy(10 + index * 20, 10)
        pdf.cell(20, 6, heading)
    assert _overlaps(_runs(bytes(pdf.output())))


@pytest.mark.django_db
def test_page_csv_xlsx_and_pdf_show_the_same_figures(
    client: Client, world: World, counted: Fixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv as csv_module

    from core.spreadsheets import cell_value

    sign_in(client, world.commissioner)
    page_html = client.get(reverse("reports:dashboard") + Q3).content.decode()
    assert "<svg" in page_html and "&lt;svg" not in page_html
    page = _page_tables(client, monkeypatch)
    printed: list[Table] = []
    real_report = report_pdf.quarterly_report

    def recording_report(**kwargs: Any) -> bytes:
        printed[:] = kwargs["tables"]
        return real_report(**kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(report_pdf, "quarterly_report", recording_report)
        content = client.get(reverse("reports:quarterly_pdf") + Q3).content
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    # The PDF is given the page's tables, figure for figure, and prints every row's figures in order.
    assert [(t.key, t.columns, t.rows) for t in printed] == [(t.key, t.columns, t.rows) for t in page]
    flat = " ".join(pdf_text.split())
    for table in printed:
        for label, values in table.rows:
            at = flat.find(" ".join(label.split())[:18])
            assert at >= 0, (table.key, label)
            for value in values:
                if value:
                    found = flat.find(value, at)
                    assert found >= 0, (table.key, label, value)
                    at = found + len(value)
    for table in page:
        url = reverse("reports:export_table", kwargs={"key": table.key, "fmt": "csv"}) + Q3
        rows = list(csv_module.reader(io.StringIO(client.get(url).content.decode())))
        assert rows == [["", *table.columns], *[[label, *values] for label, values in table.rows]]
        url = reverse("reports:export_table", kwargs={"key": table.key, "fmt": "xlsx"}) + Q3
        sheet = load_workbook(io.BytesIO(client.get(url).content)).active
        for (label, values), cells in zip(table.rows, sheet.iter_rows(min_row=2, values_only=True), strict=True):
            assert cells[0] == label
            assert list(cells[1:]) == [cell_value(value)[0] if value != "" else None for value in values]
        assert table.title.split(" (")[0] in pdf_text.replace("\n", " ")
