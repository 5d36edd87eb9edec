"""Small server-made SVG bar charts: presentation attributes only (CSP-safe), no script or style.

Every chart sits next to a table with the same figures, which is its text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BLUE = "#005eb8"
TEXT = "#212b32"
LIGHT = "#d8dde0"


@dataclass(frozen=True)
class BarChart:
    """A chart's data: the page draws it as SVG (`str(chart)` / `{{ chart }}`) and the PDF draws
    the same bars, so the two never differ. A bar of None is "Not shown"."""

    title: str
    chart_id: str
    bars: tuple[tuple[str, int | None], ...]
    unit: str = ""

    def __html__(self) -> str:
        return str(svg(title=self.title, chart_id=self.chart_id, bars=self.bars, unit=self.unit))

    def __str__(self) -> str:
        return self.__html__()


def bar_chart(*, title: str, chart_id: str, bars: Sequence[tuple[str, int | None]], unit: str = "") -> BarChart:
    return BarChart(title=title, chart_id=chart_id, bars=tuple(bars), unit=unit)


def svg(*, title: str, chart_id: str, bars: Sequence[tuple[str, int | None]], unit: str = "") -> SafeString:
    width, height, left, bottom, top = 600, 220, 40, 50, 20
    plot_h = height - top - bottom
    biggest = max([value or 0 for _, value in bars] + [1])
    step = (width - left - 10) / max(len(bars), 1)
    bar_w = max(min(step * 0.7, 80), 2)
    show_every = max(1, len(bars) // 12)
    parts = []
    for index, (label, value) in enumerate(bars):
        h = plot_h * (value or 0) / biggest
        x = left + index * step + (step - bar_w) / 2
        parts.append(
            (
                f"{x:.1f}",
                f"{top + plot_h - h:.1f}",
                f"{bar_w:.1f}",
                f"{h:.1f}",
                f"{x + bar_w / 2:.1f}",
                f"{top + plot_h - h - 4:.1f}",
                "Not shown" if value is None else f"{value}{unit}",
                f"{top + plot_h + 18:.1f}",
                label if index % show_every == 0 else "",
            )
        )
    body = format_html_join(
        "",
        '<rect x="{0}" y="{1}" width="{2}" height="{3}" fill="' + BLUE + '"/>'
        '<text x="{4}" y="{5}" text-anchor="middle" font-size="12" fill="' + TEXT + '">{6}</text>'
        '<text x="{4}" y="{7}" text-anchor="middle" font-size="12" fill="' + TEXT + '">{8}</text>',
        parts,
    )
    return format_html(
        '<svg class="star-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-title" focusable="false">'
        '<title id="{}-title">{}</title>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>{}</svg>',
        width,
        height,
        chart_id,
        chart_id,
        title,
        left,
        width - 10,
        top + plot_h,
        top + plot_h,
        LIGHT,
        body,
    )
