"""Safeguarding's part of the person summary (people.summary): open concerns, and the current
risk level with whether its review is overdue. One query each, through the gates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.timezone import localtime

from core.jinja import uk_date
from people.models import Person
from people.summary import SummaryItem, register_source
from safeguarding.access import concerns_for, risk_assessments_for
from safeguarding.models import RISK_AREAS, ConcernStatus, RiskLevel

if TYPE_CHECKING:
    from people.summary import Viewer

_LEVELS = [RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH]


def open_concern_items(user: Viewer, person: Person) -> list[SummaryItem]:
    concerns = list(concerns_for(user, person).filter(status=ConcernStatus.OPEN).order_by("-raised_at", "-id")[:5])
    if not concerns:
        return []
    newest = concerns[0]
    count = f"{len(concerns)} open concerns" if len(concerns) > 1 else "Open concern"
    text = f"{count}: {newest.get_category_display().lower()}, raised {uk_date(localtime(newest.raised_at))}"
    url = reverse("safeguarding:concern_detail", kwargs={"person_id": person.pk, "concern_id": newest.pk})
    if len(concerns) > 1:
        url = reverse("safeguarding:person", kwargs={"person_id": person.pk})
    return [SummaryItem("safeguarding", "Safeguarding", text, url)]


def current_risk_items(user: Viewer, person: Person) -> list[SummaryItem]:
    current = risk_assessments_for(user, person).order_by("-assessed_at", "-id").first()
    if current is None:
        return []
    levels = [getattr(current, f"{prefix}_level") for prefix, _ in RISK_AREAS]
    highest = max(levels, key=_LEVELS.index)
    text = f"{RiskLevel(highest).label} risk"
    if current.high_areas:
        text += f" ({', '.join(area.lower() for area in current.high_areas)})"
    if current.is_review_overdue:
        text += f". Review overdue since {uk_date(current.review_due)}"
    else:
        text += f". Review by {uk_date(current.review_due)}"
    url = reverse("safeguarding:risk_detail", kwargs={"person_id": person.pk, "assessment_id": current.pk})
    urgent = highest == RiskLevel.HIGH or current.is_review_overdue
    return [SummaryItem("risk", "Risk", text, url, colour="red" if urgent else "yellow")]


def register() -> None:
    register_source("safeguarding", open_concern_items)
    register_source("risk", current_risk_items)
