"""The retention review: people whose retention period has ended, the administrator's decision to
keep (with a reason and a date to look again) or destroy, and the log of what was destroyed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from core.status import show_refusal
from records import retention
from records.access import destruction_records_visible_to, get_retention_review_for, retention_reviews_visible_to
from records.forms import DestroyForm, KeepForm
from records.models import RetentionReview
from records.models.retention import kind_of_record


@requires(Capability.MANAGE_RETENTION)
def retention_queue(request: HttpRequest) -> HttpResponse:
    reviews = retention_reviews_visible_to(request.user).filter(status=RetentionReview.Status.DUE).order_by("retain_until", "id")
    page = Paginator(reviews, 25).get_page(request.GET.get("page"))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[review.person_id for review in page.object_list],
        detail={"list": "retention review"},
    )
    kept = retention_reviews_visible_to(request.user).filter(status=RetentionReview.Status.KEPT).count()
    years = {"contact": settings.STAR_RETENTION_YEARS_AFTER_LAST_CONTACT, "death": settings.STAR_RETENTION_YEARS_AFTER_DEATH}
    return render(
        request,
        "records/retention_queue.jinja",
        {"page": page, "pagination": pagination_params(page), "kept": kept, "settings_years": years},
    )


def _review_context(review: RetentionReview, **forms: object) -> dict[str, object]:
    counts = retention.record_counts(review.person)
    return {
        "review": review,
        "counts": sorted((kind_of_record(label), count) for label, count in counts.items()),
        "total": sum(counts.values()),
        "keep_form": KeepForm(),
        "destroy_form": DestroyForm(),
        **forms,
    }


@requires(Capability.MANAGE_RETENTION)
def retention_review(request: HttpRequest, review_id: int) -> HttpResponse:
    review = get_retention_review_for(request, review_id, audit=True)
    return render(request, "records/retention_review.jinja", _review_context(review))


@require_POST
@requires(Capability.MANAGE_RETENTION)
def retention_keep(request: HttpRequest, review_id: int) -> HttpResponse:
    review = get_retention_review_for(request, review_id)
    form = KeepForm(request.POST)
    if form.is_valid():
        try:
            retention.keep(
                by=acting_user(request),
                review=review,
                reason=form.cleaned_data["reason"],
                review_on=form.cleaned_data["review_on"],
            )
        except retention.RetentionError as error:
            show_refusal(request, error, form, field="review_on")
        else:
            messages.success(request, f"Record kept. It comes back for review on {review.review_on:%d %B %Y}")
            return redirect("records:retention_queue")
    return render(request, "records/retention_review.jinja", _review_context(review, keep_form=form), status=400)


@require_POST
@requires(Capability.MANAGE_RETENTION)
def retention_destroy(request: HttpRequest, review_id: int) -> HttpResponse:
    review = get_retention_review_for(request, review_id)
    form = DestroyForm(request.POST)
    if form.is_valid():
        try:
            stub = retention.destroy(by=acting_user(request), review=review)
        except retention.RetentionError as error:
            show_refusal(request, error)
            return redirect("records:retention_queue")
        messages.success(request, f"Records destroyed: {stub.total} in all. A destruction record has been kept")
        return redirect("records:destruction_list")
    return render(request, "records/retention_review.jinja", _review_context(review, destroy_form=form), status=400)


@requires(Capability.MANAGE_RETENTION)
def destruction_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(destruction_records_visible_to(request.user).order_by("-destroyed_at", "-id"), 25).get_page(request.GET.get("page"))
    return render(request, "records/destruction_list.jinja", {"page": page, "pagination": pagination_params(page)})
