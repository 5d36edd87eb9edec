"""Outcomes' part of the person summary (people.summary): a recent answer above a clinical
threshold (PHQ-9 question 9 above zero: the instrument's `alerts` rules) and a latest score in a
severe band. One query, through the gate, however many measures the person has completed."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Capability, can
from core.jinja import uk_date
from outcomes.access import measurements_for
from outcomes.models import Measurement
from outcomes.presenters import format_score
from people.models import Person
from people.summary import SummaryItem, register_source

if TYPE_CHECKING:
    from people.summary import Viewer


def _is_severe(band: str) -> bool:
    return "severe" in band.lower()


def _above_threshold(measurement: Measurement) -> list[str]:
    """The summaries of the instrument's alert rules this measurement's answers cross."""
    crossed = []
    for rule in measurement.instrument.alerts:
        value = measurement.answers.get(rule["link_id"])
        try:
            if value is not None and int(value) > int(rule["above"]):
                crossed.append(f"question {rule['link_id']} answered {value}")
        except (TypeError, ValueError):
            continue
    return crossed


def measure_items(user: Viewer, person: Person) -> list[SummaryItem]:
    if not can(user, Capability.RECORD_OUTCOMES):
        return []
    complete = Measurement.Status.COMPLETE
    since = timezone.localdate() - timedelta(days=settings.STAR_RISK_ANSWER_RECENT_DAYS)
    newer = Measurement.objects.filter(person=OuterRef("person"), instrument=OuterRef("instrument"), status=complete).filter(
        Q(measured_on__gt=OuterRef("measured_on")) | Q(measured_on=OuterRef("measured_on"), id__gt=OuterRef("id"))
    )
    measurements = list(
        measurements_for(user, person)
        .filter(status=complete)
        .annotate(has_newer=Exists(newer))
        .filter(Q(has_newer=False) | Q(measured_on__gte=since))
        .order_by("-measured_on", "-id")[:50]
    )
    items: list[SummaryItem] = []
    answered: set[int] = set()
    for m in measurements:
        url = reverse("outcomes:measurement", kwargs={"person_id": person.pk, "measurement_id": m.pk})
        crossed = _above_threshold(m) if m.measured_on >= since else []
        if crossed and m.instrument_id not in answered:
            answered.add(m.instrument_id)
            text = f"{m.instrument.short_name} {', '.join(crossed)} on {uk_date(m.measured_on)}"
            items.append(SummaryItem("risk_answer", "Risk answer", text, url))
        if not m.has_newer and _is_severe(m.band):
            text = f"Latest {m.instrument.short_name} {format_score(m.score)} ({m.band.lower()}) on {uk_date(m.measured_on)}"
            items.append(SummaryItem("severe_score", "Severe score", text, url))
    return items


def register() -> None:
    register_source("measures", measure_items)
