"""The review queue for emergency access: every use is checked by a manager. (People own the
emergency access and its review; the audit app only records the events.)"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.pagination import pagination_params
from core.posted import posted
from people import services
from people.access import break_glass_grants_for_review
from people.forms import BreakGlassReviewForm


@requires(Capability.REVIEW_BREAK_GLASS)
def break_glass_queue(request: HttpRequest) -> HttpResponse:
    grants = break_glass_grants_for_review(request.user).filter(reviewed_at__isnull=True).order_by("started_at")
    page = Paginator(grants, 25).get_page(request.GET.get("page"))
    return render(request, "people/break_glass_queue.jinja", {"page": page, "pagination": pagination_params(page)})


@requires(Capability.REVIEW_BREAK_GLASS)
def break_glass_review(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = break_glass_grants_for_review(request.user).filter(pk=grant_id).first()
    if grant is None:
        raise Http404
    form = BreakGlassReviewForm(posted(request))
    if request.method == "POST" and grant.reviewed_at is None and form.is_valid():
        services.review_break_glass(
            by=acting_user(request),
            grant=grant,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, "Review saved")
        return redirect("people:break_glass_queue")
    return render(request, "people/break_glass_review.jinja", {"grant": grant, "form": form})
