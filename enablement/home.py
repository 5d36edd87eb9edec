"""What a worker's home page shows first: who on their caseload needs attention today, and why,
and the reviews coming up. A fixed number of queries however long the caseload is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from audit.services import Action, record_events_for_people
from enablement.access import caseload_overview

ATTENTION_LIMIT = 8
REVIEWS_DUE_DAYS = 7
NEEDS_ATTENTION = Q(review_overdue=True) | Q(contact_overdue=True) | Q(past_planned_end=True)


@dataclass(frozen=True)
class NeedsAttention:
    """One person on the caseload who needs something doing, with the reasons in plain words."""

    person_id: Any
    name: str
    episode_id: int | None
    reasons: list[str]


def _weeks(days: int) -> str:
    weeks = days // 7
    return "1 week" if weeks == 1 else f"{weeks} weeks"


def reasons_for(person: Any, today: date) -> list[str]:
    reasons = []
    if person.review_overdue:
        late = (today - person.next_review_on).days
        reasons.append(f"Review overdue by {_weeks(late)}" if late >= 7 else "Review overdue")
    if person.contact_overdue:
        reasons.append(f"No contact for {_weeks((today - person.last_contact_on).days)}" if person.last_contact_on else "No contact yet")
    if person.past_planned_end:
        reasons.append("Past the planned end")
    return reasons


def worker_today(request: HttpRequest, *, today: date) -> dict[str, Any]:
    """Counts (one query) and the most urgent people (one query, one audit insert)."""
    overview = caseload_overview(request.user, today=today)
    figures = overview.order_by().aggregate(
        attention=Count("pk", filter=NEEDS_ATTENTION),
        reviews_due=Count("pk", filter=Q(next_review_on__gte=today, next_review_on__lte=today + timedelta(days=REVIEWS_DUE_DAYS))),
    )
    shown: list[Any] = list(overview.filter(NEEDS_ATTENTION)[:ATTENTION_LIMIT]) if figures["attention"] else []
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[person.pk for person in shown],
        detail={"list": "needs attention (home)"},
    )
    return {
        "attention_count": figures["attention"],
        "reviews_due_count": figures["reviews_due"],
        "reviews_due_days": REVIEWS_DUE_DAYS,
        "needs_attention": [NeedsAttention(p.pk, p.full_name, p.episode_id, reasons_for(p, today)) for p in shown],
    }
