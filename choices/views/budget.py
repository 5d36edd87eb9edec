"""A personal budget: the page (staff and the member's own), starting the pathway, moving it on,
the council's details, and reviews."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import acting_user
from choices import budget_services as services
from choices.access import current_budget, get_budget_for, history_of, reviews_of
from choices.forms import BudgetReviewForm, CouncilDetailsForm, MoveBudgetForm, OpenBudgetForm, pounds_text
from choices.models import BudgetReview, PersonalBudget
from choices.models.budgets import BudgetError
from choices.presenters import budget_page
from choices.views.who import choices_page, page_context, whose
from core.posted import posted
from core.status import show_refusal
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from submissions.services import ALREADY_SAVED, key_for_form, once


@choices_page
def budget(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, person_id, page="personal budget")
    current = current_budget(request.user, who.person)
    return render(
        request,
        "choices/budget.jinja",
        {
            **page_context(request, who),
            "page": budget_page(current, today=timezone.localdate()) if current else None,
            "history": list(history_of(current)[:30]) if current else [],
            "reviews": list(reviews_of(current)[:10]) if current else [],
        },
    )


def _staff_only(person_id: uuid.UUID | None) -> uuid.UUID:
    """The pathway and the council's details are recorded by staff, from the person's record."""
    if person_id is None:
        raise PermissionDenied
    return person_id


@choices_page
def budget_new(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, _staff_only(person_id), page="personal budget", audit=request.method == "GET")
    form = OpenBudgetForm(posted(request), initial={"conversation_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            saved = once(
                request,
                model=PersonalBudget,
                create=lambda: services.open_budget(
                    by=acting_user(request),
                    person=who.person,
                    conversation_on=form.cleaned_data["conversation_on"],
                    note=form.cleaned_data["note"],
                ),
            )
        except BudgetError as refused:
            show_refusal(request, refused, form)
        else:
            messages.success(request, "Personal budget started: the first conversation is recorded" if saved.created else ALREADY_SAVED)
            return redirect(who.url("budget"))
    return render(
        request, "choices/budget_new.jinja", {**page_context(request, who), "form": form, "submission_key": key_for_form(request)}
    )


@choices_page
def budget_move(request: HttpRequest, budget_id: int, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, _staff_only(person_id), page="personal budget", audit=False)
    current = get_budget_for(request, who.person, budget_id, audit=request.method == "GET")
    form = MoveBudgetForm(posted(request), choices=current.next_statuses, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_budget(
                by=acting_user(request),
                budget=current,
                to_status=data["to_status"],
                happened_on=data["happened_on"],
                note=data["note"],
            )
        except BudgetError as refused:
            show_refusal(request, refused, form)
        else:
            messages.success(request, "The budget has moved on")
            return redirect(who.url("budget"))
    return render(request, "choices/budget_move.jinja", {**page_context(request, who), "form": form, "budget": current})


def _council_answers(budget: PersonalBudget) -> dict[str, object]:
    return {
        "council_reference": budget.council_reference,
        "kind": budget.kind,
        "agreed_amount": pounds_text(budget.agreed_amount_pence),
        "starts_on": budget.starts_on,
        "ends_on": budget.ends_on,
        "review_on": budget.review_on,
        "first_payment_on": budget.first_payment_on,
    }


@choices_page
def budget_council(request: HttpRequest, budget_id: int, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, _staff_only(person_id), page="personal budget", audit=False)
    current = get_budget_for(request, who.person, budget_id, audit=request.method == "GET")
    form = CouncilDetailsForm(posted(request), initial=_council_answers(current))
    edit = edit_check(request, form, saved=_council_answers(current))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: _council_answers(services.lock_budget_for_edit(current)), discard_url=request.path
            ):
                services.update_council_details(
                    by=acting_user(request),
                    budget=current,
                    council_reference=data["council_reference"],
                    kind=data["kind"],
                    agreed_amount_pence=data["agreed_amount"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    review_on=data["review_on"],
                    first_payment_on=data["first_payment_on"],
                )
        except BudgetError as refused:
            show_refusal(request, refused, form)
        except EditConflict as conflict:
            form, edit = CouncilDetailsForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, "The council's details are saved")
            return redirect(who.url("budget"))
    return render(
        request, "choices/budget_council.jinja", {**page_context(request, who), "form": form, "budget": current, "edit_check": edit}
    )


@choices_page
def review_new(request: HttpRequest, budget_id: int, person_id: uuid.UUID | None = None) -> HttpResponse:
    who = whose(request, _staff_only(person_id), page="personal budget", audit=False)
    current = get_budget_for(request, who.person, budget_id, audit=request.method == "GET")
    if not current.is_open:
        raise Http404
    form = BudgetReviewForm(posted(request), initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = once(
                request,
                model=BudgetReview,
                create=lambda: services.record_budget_review(
                    by=acting_user(request),
                    budget=current,
                    reviewed_on=data["reviewed_on"],
                    what_is_working=data["what_is_working"],
                    what_to_change=data["what_to_change"],
                    next_review_on=data["next_review_on"],
                ),
            )
        except BudgetError as refused:
            show_refusal(request, refused, form)
        else:
            messages.success(request, "Review recorded" if saved.created else ALREADY_SAVED)
            return redirect(who.url("budget"))
    return render(
        request,
        "choices/budget_review.jinja",
        {**page_context(request, who), "form": form, "budget": current, "submission_key": key_for_form(request)},
    )
