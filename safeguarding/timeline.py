"""Risk assessments and safeguarding concerns on the person's timeline (one query each)."""

from __future__ import annotations

from core.jinja import uk_date
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource
from safeguarding.models import ConcernStatus, ConcernStatusChange, RiskAssessment


def _risk_entries(person: Person, limit: int) -> list[TimelineEntry]:
    assessments = RiskAssessment.objects.filter(person=person).select_related("assessed_by").order_by("-assessed_at")[:limit]
    return [
        TimelineEntry(
            assessment.assessed_at,
            "risk",
            "Risk assessment recorded" + (" (high risk)" if assessment.high_areas else ""),
            f"By {assessment.assessed_by.display_name}. Review by {uk_date(assessment.review_due)}",
        )
        for assessment in assessments
    ]


def _concern_entries(person: Person, limit: int) -> list[TimelineEntry]:
    changes = (
        ConcernStatusChange.objects.filter(concern__person=person).select_related("concern", "changed_by").order_by("-changed_at")[:limit]
    )
    return [
        TimelineEntry(
            change.changed_at,
            "safeguarding",
            f"Safeguarding concern {'opened' if change.status == ConcernStatus.OPEN else 'closed'}: "
            f"{change.concern.get_category_display().lower()}",
            f"By {change.changed_by.display_name}",
        )
        for change in changes
    ]


SOURCES = (
    TimelineSource("risk", "Risk assessments", _risk_entries, newest=(Newest(RiskAssessment, "person", ("assessed_at",)),)),
    TimelineSource(
        "safeguarding", "Safeguarding concerns", _concern_entries, newest=(Newest(ConcernStatusChange, "concern__person", ("changed_at",)),)
    ),
)
