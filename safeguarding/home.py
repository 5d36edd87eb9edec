"""What home pages show about safeguarding: the manager's open concerns and overdue reviews, and a
worker's counts for the people on their caseload."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from accounts.roles import Capability, can
from audit.services import Action, record_events_for_people
from people.access import caseload_of
from safeguarding.access import open_concerns_for, overdue_risk_reviews_for
from safeguarding.models import ConcernStatus, ConcernStatusChange, SafeguardingConcern

HOME_LIST_LENGTH = 10


def manager_summary(request: HttpRequest) -> dict[str, Any]:
    concerns = open_concerns_for(request.user)
    shown = list(concerns[:HOME_LIST_LENGTH])
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[concern.person_id for concern in shown],
        detail={"list": "open safeguarding concerns (home)"},
    )
    return {
        "open_concerns": shown,
        "open_concern_count": concerns.count(),
        "overdue_risk_review_count": overdue_risk_reviews_for(request.user).count(),
    }


UPDATES_WINDOW_DAYS = 7
WORKER_LIST_LENGTH = 5


def worker_summary(request: HttpRequest) -> dict[str, Any]:
    """For a worker: open concerns about people on their caseload (the oldest few named, audited),
    and changes to concerns about them made by someone else in the last week. Three queries."""
    user = request.user
    if not can(user, Capability.RECORD_RISK):
        return {"caseload_open_concerns": 0, "caseload_concern_updates": 0, "caseload_concerns": []}
    people = caseload_of(user)
    since = timezone.now() - timedelta(days=UPDATES_WINDOW_DAYS)
    concerns = SafeguardingConcern.objects.filter(person__in=people, status=ConcernStatus.OPEN)
    shown = list(concerns.select_related("person").order_by("raised_at", "id")[:WORKER_LIST_LENGTH])
    record_events_for_people(
        user=user,
        action=Action.VIEW,
        person_ids=[concern.person_id for concern in shown],
        detail={"list": "caseload safeguarding concerns (home)"},
    )
    return {
        "caseload_open_concerns": concerns.count(),
        "caseload_concern_updates": ConcernStatusChange.objects.filter(concern__person__in=people, changed_at__gte=since)
        .exclude(changed_by=user)
        .count(),
        "caseload_concerns": shown,
    }
