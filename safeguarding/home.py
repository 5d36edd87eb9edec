"""What the manager's home page shows about safeguarding: the open concerns and overdue reviews."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from audit.services import Action, record_events_for_people
from safeguarding.access import open_concerns_for, overdue_risk_reviews_for

HOME_LIST_LENGTH = 10


def manager_summary(request: HttpRequest) -> dict[str, Any]:
    concerns = open_concerns_for(request.user)
    shown = list(concerns[:HOME_LIST_LENGTH])
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[concern.person_id for concern in shown],
        detail={"list": "open safeguarding concerns (home)"},
        request=request,
    )
    return {
        "open_concerns": shown,
        "open_concern_count": concerns.count(),
        "overdue_risk_review_count": overdue_risk_reviews_for(request.user).count(),
    }
