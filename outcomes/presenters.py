"""Display values for measures, scores, change and charts, so templates stay dumb."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

from outcomes import charts
from outcomes.models import Instrument, Measurement
from outcomes.models.instruments import band_label


def classify_change(instrument: Instrument, change: Decimal | None) -> str:
    """Whether a change is meaningful by the instrument's threshold, in the better direction or not."""
    threshold = instrument.threshold
    if change is None or threshold is None:
        return ""
    directed = change if instrument.higher_is_better else -change
    if directed >= threshold:
        return "Meaningful improvement"
    if directed <= -threshold:
        return "Meaningful deterioration"
    possible = instrument.possible_change
    if possible is not None and abs(directed) >= possible:
        return "Possible improvement" if directed > 0 else "Possible deterioration"
    return "No meaningful change"


def format_score(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != value.to_integral() else f"{value:.0f}"


def format_change(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format_score(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "0")


@dataclass
class MeasurementRow:
    measurement: Measurement
    score: str
    raw: str
    band: str
    change: str
    meaning: str


@dataclass
class InstrumentSeries:
    instrument: Instrument
    rows: list[MeasurementRow] = field(default_factory=list)
    chart: SafeString | None = None
    profile_table: list[dict[str, object]] = field(default_factory=list)

    @property
    def latest(self) -> MeasurementRow:
        return self.rows[-1]


def answer_label(instrument: Instrument, value: object) -> str:
    for option in instrument.answer_options:
        if option["value"] == value:
            return str(option["label"])
    return "" if value is None else str(value)


def describe(measurement: Measurement, first: Measurement | None) -> MeasurementRow:
    instrument = measurement.instrument
    change = None
    if first is not None and measurement.score is not None and first.score is not None and first.pk != measurement.pk:
        change = measurement.score - first.score
    raw = format_score(measurement.raw_score) if instrument.scoring_rule == "sum_converted" else ""
    return MeasurementRow(
        measurement=measurement,
        score=format_score(measurement.score),
        raw=raw,
        band=measurement.band,
        change=format_change(change) if first is not None and first.pk != measurement.pk else "First measurement",
        meaning=classify_change(instrument, change),
    )


def _with_band(value: object, bands: list[dict[str, object]]) -> str:
    if value is None:
        return "Not answered"
    band = band_label(bands, int(str(value))) if bands else ""
    return f"{value} ({band})" if band else str(value)


def series_for(
    measurements: Iterable[Measurement], item_texts: dict[int, list[tuple[str, str, list[dict[str, object]]]]]
) -> list[InstrumentSeries]:
    """Completed measurements grouped by instrument, oldest first, each with its chart."""
    grouped: dict[int, InstrumentSeries] = {}
    firsts: dict[int, Measurement] = {}
    for measurement in sorted(measurements, key=lambda m: (m.instrument.short_name, m.measured_on, m.pk)):
        instrument = measurement.instrument
        series = grouped.setdefault(instrument.pk, InstrumentSeries(instrument=instrument))
        first = firsts.setdefault(instrument.pk, measurement)
        series.rows.append(describe(measurement, first))
    for series in grouped.values():
        instrument = series.instrument
        chart_id = f"chart-{instrument.code.lower()}"
        if instrument.has_score and instrument.score_min is not None and instrument.score_max is not None:
            points = [(row.measurement.measured_on, row.measurement.score) for row in series.rows if row.measurement.score is not None]
            series.chart = charts.line_chart(
                title=f"{instrument.short_name} {instrument.score_label.lower()} over time",
                chart_id=chart_id,
                points=points,
                low=instrument.score_min,
                high=instrument.score_max,
            )
        items = item_texts.get(instrument.pk, [])
        labels = [label or f"Question {link_id}" for link_id, label, _ in items]
        link_ids = [link_id for link_id, _, _ in items]
        item_bands = {link_id: bands for link_id, _, bands in items}
        first_answers, latest_answers = series.rows[0].measurement.answers, series.latest.measurement.answers
        series.profile_table = [
            {
                "number": index,
                "label": label,
                "first": _with_band(first_answers.get(link_id), item_bands[link_id]),
                "latest": _with_band(latest_answers.get(link_id), item_bands[link_id]),
            }
            for index, (link_id, label) in enumerate(zip(link_ids, labels, strict=True), start=1)
        ]
        if instrument.chart == "radar" and labels:
            values = [int(o["value"]) for o in instrument.answer_options]
            series.chart = charts.radar_chart(
                title=f"{instrument.short_name}: first ({series.rows[0].measurement.measured_on:%d %b %Y}) and latest",
                chart_id=chart_id,
                labels=labels,
                series=[
                    ("First", [int(first_answers.get(k, min(values))) for k in link_ids], charts.GREY),
                    ("Latest", [int(latest_answers.get(k, min(values))) for k in link_ids], charts.BLUE),
                ],
                low=min(values),
                high=max(values),
            )
    return sorted(grouped.values(), key=lambda s: s.instrument.short_name)
