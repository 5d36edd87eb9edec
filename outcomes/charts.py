"""Server-made SVG charts: no JavaScript, no inline styles (CSP-safe: presentation attributes only).

Each chart is decorative to screen readers beyond its title: the page shows the same figures in a
table next to it, which is the text alternative.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

BLUE = "#005eb8"
GREY = "#4c6272"
GREEN = "#007f3b"
TEXT = "#212b32"
LIGHT = "#d8dde0"


def _f(value: float) -> str:
    return f"{value:.1f}"


def line_chart(*, title: str, chart_id: str, points: Sequence[tuple[date, Decimal]], low: Decimal, high: Decimal) -> SafeString:
    """Score over time. The x axis is spaced by measurement (not calendar time) so labels never overlap."""
    width, height, left, right, top, bottom = 600, 260, 48, 44, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    span = float(high - low) or 1.0

    def y(value: Decimal) -> float:
        return top + plot_h - (float(value - low) / span) * plot_h

    def x(index: int) -> float:
        return left + (plot_w / 2 if len(points) == 1 else index * plot_w / (len(points) - 1))

    parts = [
        format_html(
            '<svg class="star-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-title" focusable="false">'
            '<title id="{}-title">{}</title>',
            width,
            height,
            chart_id,
            chart_id,
            title,
        )
    ]
    for step in range(5):
        value = low + (high - low) * Decimal(step) / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="13" fill="{}">{}</text>',
                left,
                width - right,
                _f(y(value)),
                _f(y(value)),
                LIGHT,
                left - 6,
                _f(y(value) + 4),
                TEXT,
                f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}",
            )
        )
    if len(points) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{_f(x(i))},{_f(y(v))}" for i, (_, v) in enumerate(points))
        parts.append(format_html('<path d="{}" fill="none" stroke="{}" stroke-width="3"/>', path, BLUE))
    label_every = max(1, math.ceil(len(points) / 6))
    for i, (day, value) in enumerate(points):
        parts.append(format_html('<circle cx="{}" cy="{}" r="5" fill="{}"/>', _f(x(i)), _f(y(value)), BLUE))
        if i % label_every == 0 or i == len(points) - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
                    _f(x(i)),
                    height - bottom + 20,
                    TEXT,
                    f"{day.day} {day:%b %y}",
                )
            )
    parts.append(mark_safe("</svg>"))  # nosec B308  # a constant
    return mark_safe("".join(parts))  # noqa: S308  (every part above is escaped by format_html)  # nosec B308 B703


def radar_chart(
    *, title: str, chart_id: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int], str]], low: int, high: int
) -> SafeString:
    """A "star": one spoke per area, one polygon per series (name, values, colour)."""
    size, centre, radius = 420, 210, 130
    count = len(labels)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = radius * (value - low + 1) / (high - low + 1)
        return centre + distance * math.cos(angle), centre + distance * math.sin(angle)

    parts = [
        format_html(
            '<svg class="star-chart star-chart--radar" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-labelledby="{}-title" focusable="false">'
            '<title id="{}-title">{}</title>',
            size,
            size,
            chart_id,
            chart_id,
            title,
        )
    ]
    for ring in (low, (low + high) // 2, high):
        ring_points = " ".join(f"{_f(px)},{_f(py)}" for px, py in (point(i, ring) for i in range(count)))
        parts.append(format_html('<polygon points="{}" fill="none" stroke="{}" stroke-width="1"/>', ring_points, LIGHT))
    for index, _label in enumerate(labels):
        end_x, end_y = point(index, high)
        label_x, label_y = point(index, high + 1.6)
        anchor = "middle" if abs(label_x - centre) < 20 else ("start" if label_x > centre else "end")
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="{}" font-size="12" fill="{}">{}</text>',
                centre,
                centre,
                _f(end_x),
                _f(end_y),
                LIGHT,
                _f(label_x),
                _f(label_y + 4),
                anchor,
                TEXT,
                str(index + 1),
            )
        )
    for position, (name, _, colour) in enumerate(series):
        parts.append(
            format_html(
                '<rect x="8" y="{}" width="14" height="14" fill="{}"/><text x="28" y="{}" font-size="13" fill="{}">{}</text>',
                8 + position * 20,
                colour,
                19 + position * 20,
                TEXT,
                name,
            )
        )
    for name, values, colour in series:
        shape = " ".join(f"{_f(px)},{_f(py)}" for px, py in (point(i, v) for i, v in enumerate(values)))
        parts.append(
            format_html(
                '<polygon points="{}" fill="{}" fill-opacity="0.15" stroke="{}" stroke-width="3"><title>{}</title></polygon>',
                shape,
                colour,
                colour,
                escape(name),
            )
        )
    parts.append(mark_safe("</svg>"))  # nosec B308  # a constant
    return mark_safe("".join(parts))  # noqa: S308  (every part above is escaped by format_html)  # nosec B308 B703
