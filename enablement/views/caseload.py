"""The worker's caseload page, and the manager's view of overdue reviews."""

from __future__ import annotations

from datetime import timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from enablement.access import caseload_overview, minutes_given_by, overdue_reviews_for, time_given_per_worker
from enablement.presenters import CaseloadRow, hours_and_minutes

PAGE_SIZE = 25
TIME_WINDOW_DAYS = 28


@requires(Capability.SEE_OWN_CASELOAD)
def my_caseload(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    moved_on = request.GET.get("view") == "moved-on"
    page = Paginator(caseload_overview(request.user, today=today, moved_on=moved_on), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [CaseloadRow(person) for person in page.object_list]
    record_events_for_people(
        user=request.user, action=Action.VIEW, person_ids=[row.person.pk for row in rows], detail={"list": "my_caseload"}
    )
    since = today - timedelta(days=TIME_WINDOW_DAYS)
    return render(
        request,
        "enablement/caseload.jinja",
        {
            "rows": rows,
            "page": page,
            "pagination": pagination_params(page, "view=moved-on" if moved_on else ""),
            "total": page.paginator.count,
            "moved_on": moved_on,
            "time_given": hours_and_minutes(minutes_given_by(request.user, since=since)),
            "window_days": TIME_WINDOW_DAYS,
        },
    )


@requires(Capability.SEE_OVERDUE_REVIEWS)
def overdue_reviews(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(overdue_reviews_for(request.user, today=today), PAGE_SIZE).get_page(request.GET.get("page"))
    episodes = list(page.object_list)
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[e.person_id for e in episodes],
        detail={"list": "overdue_reviews"},
    )
    per_worker = [
        {
            "name": f"{row['worker__first_name']} {row['worker__last_name']}".strip() or row["worker__username"],
            "time": hours_and_minutes(row["total_minutes"]),
            "contacts": row["contact_count"],
        }
        for row in time_given_per_worker(request.user, since=today - timedelta(days=TIME_WINDOW_DAYS))
    ]
    return render(
        request,
        "enablement/overdue_reviews.jinja",
        {
            "episodes": [(episode, episode.days_overdue.days) for episode in episodes],  # type: ignore[attr-defined]
            "page": page,
            "pagination": pagination_params(page),
            "total": page.paginator.count,
            "per_worker": per_worker,
            "window_days": TIME_WINDOW_DAYS,
        },
    )
