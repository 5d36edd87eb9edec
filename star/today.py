""" "Today" on each role's home page: what needs doing, most urgent first, as counts people can
tap. Each part asks its own app's gates; every part is a fixed number of queries, so a home page
costs the same with a city's data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.access import acting_user
from accounts.models import User
from accounts.roles import Capability, can
from appointments import home as appointments_home
from choices import home as choices_home
from community import home as community_home
from community.presenters import SessionPresenter
from enablement import home as enablement_home
from hub import home as hub_home
from involvement.access import feedback_for
from referrals.access import waiting_list_for
from safeguarding import home as safeguarding_home
from volunteers import home as volunteers_home


@dataclass(frozen=True)
class TodayItem:
    """One thing to do: a count shown as a tag, and where to go to do it."""

    label: str
    count: int
    url: str
    urgent: bool = False

    @property
    def tag_class(self) -> str:
        if not self.count:
            return "nhsuk-tag--grey"
        return "nhsuk-tag--red" if self.urgent else "nhsuk-tag--blue"


def most_urgent_first(items: list[TodayItem]) -> tuple[list[TodayItem], list[TodayItem]]:
    """The items with something waiting (in the order given, which is their urgency), and those with nothing."""
    return [item for item in items if item.count], [item for item in items if not item.count]


def worker_today(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    work = enablement_home.worker_today(request, today=today)
    safeguarding = safeguarding_home.worker_summary(request)
    caseload = reverse("enablement:my_caseload")
    appointments = appointments_home.worker_today(request, today=today)
    diary = reverse("appointments:diary")
    budgets_ahead = choices_home.budgets_ahead_of_plan(request, today=today)
    items = [
        TodayItem(
            "Open safeguarding concerns about people on your caseload",
            safeguarding["caseload_open_concerns"],
            "#caseload-concerns",
            urgent=True,
        ),
        TodayItem(
            f"Safeguarding updates by others in the last {safeguarding_home.UPDATES_WINDOW_DAYS} days",
            safeguarding["caseload_concern_updates"],
            "#caseload-concerns",
            urgent=True,
        ),
        TodayItem("Appointments today", len(appointments["appointments_today"]), "#appointments-today"),
        TodayItem("Appointments to close: say what happened", appointments["appointments_to_close"], f"{diary}?view=week", urgent=True),
        TodayItem("People needing attention", work["attention_count"], caseload, urgent=True),
        TodayItem(f"Reviews due in the next {work['reviews_due_days']} days", work["reviews_due_count"], caseload),
        TodayItem("Personal budgets: spending ahead of the plan", len(budgets_ahead), "#budgets-ahead"),
        TodayItem(
            "Signposting follow-ups due: did they get there?",
            hub_home.follow_ups_due_count(acting_user(request), today=today),
            reverse("hub:follow_ups"),
        ),
    ]
    waiting, nothing = most_urgent_first(items)
    return {
        "today_items": waiting,
        "today_nothing": nothing,
        "needs_attention": work["needs_attention"],
        "caseload_concerns": safeguarding["caseload_concerns"],
        "caseload_open_concerns": safeguarding["caseload_open_concerns"],
        "attention_count": work["attention_count"],
        "appointments_today": appointments["appointments_today"],
        "budgets_ahead": budgets_ahead,
    }


def volunteer_today(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    sessions = community_home.rostered_sessions_ahead(acting_user(request))
    return {
        "today_sessions": [SessionPresenter(s) for s in sessions if timezone.localtime(s.starts_at).date() <= today],
        "next_sessions": [SessionPresenter(s) for s in sessions if timezone.localtime(s.starts_at).date() > today],
        "checks_running_out": volunteers_home.own_checks_running_out(request, today=today),
    }


def lead_today(request: HttpRequest) -> dict[str, Any]:
    user = acting_user(request)
    today = timezone.localdate()
    items = [
        TodayItem(
            f"Empty places on the rota in the next {volunteers_home.ROTA_LOOKAHEAD_DAYS} days",
            volunteers_home.unfilled_slots_count(user, today=today),
            reverse("volunteers:rota_projects"),
            urgent=True,
        ),
        TodayItem(
            f"New regulars in the last {community_home.NEW_REGULAR_DAYS} days",
            community_home.new_regulars_count(user, today=today),
            reverse("community:project_list"),
        ),
    ]
    waiting, nothing = most_urgent_first(items)
    return {
        "today_sessions": [SessionPresenter(s) for s in community_home.sessions_today_run_by(user, today=today)[:10]],
        "today_items": waiting,
        "today_nothing": nothing,
    }


def manager_today(user: User, counts: dict[str, int]) -> dict[str, Any]:
    """Safeguarding first, then the 1-to-1 queue, volunteers, complaints and access reviews."""
    today = timezone.localdate()
    counts.update(volunteers_home.manager_counts(user, today=today))
    counts["waiting_over_target"] = waiting_list_for(user).filter(over_target=True).count()  # type: ignore[misc]  # an annotation the django-stubs plugin cannot see
    counts["complaints_overdue"] = feedback_for(user).overdue_on(today).count()
    candidates = [
        (Capability.OVERSEE_SAFEGUARDING, "Open safeguarding concerns", "open_concern_count", "safeguarding:open_concerns", True),
        (Capability.OVERSEE_SAFEGUARDING, "Risk reviews overdue", "overdue_risk_review_count", "safeguarding:overdue_reviews", True),
        (Capability.TRIAGE_REFERRALS, "Referrals waiting for triage", "awaiting_triage", "referrals:triage_queue", False),
        (
            Capability.SEE_WAITING_LIST,
            f"Waiting longer than {settings.STAR_WAITING_TARGET_DAYS} days for a worker",
            "waiting_over_target",
            "referrals:waiting_list",
            True,
        ),
        (Capability.SEE_OVERDUE_REVIEWS, "1-to-1 reviews overdue", "overdue_reviews", "enablement:overdue_reviews", False),
        (Capability.MANAGE_VOLUNTEERS, "Expense claims to approve", "expenses_to_approve", "volunteers:expenses", False),
        (Capability.MANAGE_VOLUNTEERS, "DBS checks running out", "dbs_expiring", "volunteers:dbs_expiring", False),
        (Capability.MANAGE_VOLUNTEERS, "Volunteers whose training runs out", "training_expiring", "volunteers:list", False),
        (Capability.HANDLE_FEEDBACK, "Complaints overdue", "complaints_overdue", "involvement:feedback_list", True),
        (Capability.REVIEW_BREAK_GLASS, "Emergency access to review", "unreviewed_emergency_access", "people:break_glass_queue", True),
        (Capability.MANAGE_SUBJECT_ACCESS, "Subject access requests overdue", "subject_access_overdue", "records:request_list", True),
        (Capability.MANAGE_SUBJECT_ACCESS, "Subject access requests due soon", "subject_access_due_soon", "records:request_list", False),
        (Capability.APPROVE_ROLE_CHANGES, "Roles to approve", "role_changes_pending", "accounts:role_changes", False),
    ]
    items = [
        TodayItem(label, counts.get(key, 0), reverse(url_name), urgent=urgent)
        for capability, label, key, url_name, urgent in candidates
        if can(user, capability)
    ]
    waiting, nothing = most_urgent_first(items)
    return {"today_items": waiting, "today_nothing": nothing}
