"""The manager's view of the audit trail, filtered by person or by user."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from audit.forms import AuditFilterForm
from audit.models import AuditEvent
from audit.services import Action, record_event
from core.pagination import CappedPaginator, pagination_params

# Counted at most: the trail grows by every page anyone reads (tens of millions of rows on a
# national instance), so counting all of it for the caption would read all of it. 20 pages of
# the newest events; the person and user filters narrow to older ones.
MOST_SHOWN = 1_000


@requires(Capability.READ_AUDIT_TRAIL)
def audit_trail(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("user", "person")
    filters: dict[str, str] = {}
    if form.is_bound and form.is_valid():
        if form.cleaned_data["person"]:
            events = events.about_person(form.cleaned_data["person"])
            filters["person"] = str(form.cleaned_data["person"])
        if form.cleaned_data["user"]:
            events = events.by_user(form.cleaned_data["user"].pk)
            filters["user"] = str(form.cleaned_data["user"].pk)
        if form.cleaned_data["refused_only"]:
            events = events.filter(action=Action.REFUSED)
            filters["refused_only"] = "on"
    page = CappedPaginator(events.order_by("-occurred_at", "-id"), 50, most=MOST_SHOWN).get_page(request.GET.get("page"))
    record_event(user=request.user, action=Action.AUDIT_READ, person_id=filters.get("person"), detail=filters)
    return render(
        request,
        "audit/trail.jinja",
        {"form": form, "page": page, "pagination": pagination_params(page, urlencode(filters))},
    )
