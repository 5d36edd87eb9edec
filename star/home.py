"""The page each role lands on after signing in."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.models import RoleChange
from accounts.roles import Capability, Role, can
from accounts.throttle import sign_in_burst
from audit.refusals import refusal_bursts
from audit.services import Action, record_events_for_people
from enablement.access import overdue_reviews_for
from people.access import break_glass_grants_for_review, caseload_of, own_record
from records.access import request_deadlines, retention_reviews_visible_to
from records.models import RetentionReview
from referrals.access import triage_queue_for
from safeguarding import home as safeguarding_home
from star.home_cards import sections_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    user = request.user
    context: dict[str, object] = {"can_find": can(user, Capability.FIND_PEOPLE), "can_register": can(user, Capability.REGISTER_PERSON)}
    if user.role == Role.STR_WORKER:
        page = Paginator(caseload_of(user).order_by("family_name", "given_name", "id"), 25).get_page(request.GET.get("page"))
        record_events_for_people(
            user=user, action=Action.VIEW, person_ids=[p.pk for p in page.object_list], detail={"list": "caseload"}, request=request
        )
        context["caseload_page"] = page
    if user.role == Role.MANAGER:
        counts = {
            "unreviewed_emergency_access": break_glass_grants_for_review(user).filter(reviewed_at__isnull=True).count(),
            "awaiting_triage": triage_queue_for(user).count(),
            "overdue_reviews": overdue_reviews_for(user).count(),
            "role_changes_pending": RoleChange.objects.filter(status=RoleChange.Status.PENDING).count(),
            **request_deadlines(user),
        }
        context["sections"] = sections_for(user, counts)
        context["refusal_bursts"] = refusal_bursts() if can(user, Capability.READ_AUDIT_TRAIL) else []
        context.update(safeguarding_home.manager_summary(request))
    if user.role == Role.ADMIN:
        context.update(request_deadlines(user))
        context["retention_due"] = retention_reviews_visible_to(user).filter(status=RetentionReview.Status.DUE).count()
        context["sign_in_burst"] = sign_in_burst()
    if user.role == Role.MEMBER:
        context["own_record"] = own_record(user)
    return render(request, f"home/{user.role}.jinja", context)
