"""The page each role lands on after signing in."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import RoleChange
from accounts.roles import Capability, can
from accounts.throttle import sign_in_burst
from appointments import home as appointments_home
from audit.refusals import refusal_bursts
from audit.services import Action, record_events_for_people
from community.horizon import activities_running_short
from enablement.access import current_or_moved_on, overdue_reviews_for, with_open_episode
from people.access import break_glass_grants_for_review, caseload_of, own_record
from portal.access import upcoming_sessions
from records.access import request_deadlines, retention_reviews_visible_to
from records.models import RetentionReview
from referrals.access import triage_queue_for
from safeguarding import home as safeguarding_home
from star import today
from star.home_cards import sections_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home/public.jinja")
    user = request.user
    context: dict[str, object] = {"can_find": can(user, Capability.FIND_PEOPLE), "can_register": can(user, Capability.REGISTER_PERSON)}
    if can(user, Capability.SEE_OWN_CASELOAD):
        context.update(today.worker_today(request))
        people = with_open_episode(current_or_moved_on(caseload_of(user)))
        page = Paginator(people.order_by("family_name", "given_name", "id"), 25).get_page(request.GET.get("page"))
        record_events_for_people(user=user, action=Action.VIEW, person_ids=[p.pk for p in page.object_list], detail={"list": "caseload"})
        context["caseload_page"] = page
    if can(user, Capability.SEE_SERVICE_SUMMARY):
        counts = {
            "unreviewed_emergency_access": break_glass_grants_for_review(user).filter(reviewed_at__isnull=True).count(),
            "awaiting_triage": triage_queue_for(user).count(),
            "overdue_reviews": overdue_reviews_for(user).count(),
            "activities_running_short": activities_running_short().count(),
            "role_changes_pending": RoleChange.objects.filter(status=RoleChange.Status.PENDING).count(),
            **request_deadlines(user),
        }
        safeguarding = safeguarding_home.manager_summary(request)
        counts.update(
            open_concern_count=safeguarding["open_concern_count"], overdue_risk_review_count=safeguarding["overdue_risk_review_count"]
        )
        context.update(today.manager_today(user, counts))
        context["sections"] = sections_for(user, counts)
        context["activities_running_short"] = counts["activities_running_short"]
        context["refusal_bursts"] = refusal_bursts() if can(user, Capability.READ_AUDIT_TRAIL) else []
        context.update(safeguarding)
    if can(user, Capability.LEAD_OWN_PROJECTS):
        context.update(today.lead_today(request))
    elif can(user, Capability.TAKE_REGISTER) and can(user, Capability.SEE_OWN_VOLUNTEERING):
        context.update(today.volunteer_today(request))
    if can(user, Capability.MANAGE_RETENTION):
        context.update(request_deadlines(user))
        context["retention_due"] = retention_reviews_visible_to(user).filter(status=RetentionReview.Status.DUE).count()
        context["sign_in_burst"] = sign_in_burst()
    if can(user, Capability.SEE_OWN_RECORD):
        record = own_record(user)
        context["own_record"] = record
        if record is not None:
            context["next_sessions"] = list(upcoming_sessions(user, record, limit=3))
            context["next_appointments"] = appointments_home.members_next(record)
    return render(request, f"home/{user.role}.jinja", context)
