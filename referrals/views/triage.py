"""The triage queue, a referral's page, and triaging it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from people.attached_documents import attached_documents
from questions.presenters import answer_rows_for_referral
from referrals import services
from referrals.access import can_open_person, get_referral_for, status_history, triage_queue_for
from referrals.forms import ReferrerToldForm, TriageForm
from referrals.models import Referral
from referrals.models.referral import IllegalTransition
from referrals.presenters import ReferralPresenter, wait_text

PAGE_SIZE = 25


@requires(Capability.TRIAGE_REFERRALS)
def triage_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(triage_queue_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(referral, wait_text(referral.waited), ReferralPresenter(referral)) for referral in page.object_list]  # type: ignore[attr-defined]
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[r.person_id for r, _, _ in rows],
        detail={"list": "triage_queue"},
    )
    return render(
        request,
        "referrals/triage_queue.jinja",
        {"page": page, "rows": rows, "pagination": pagination_params(page), "total": page.paginator.count},
    )


@requires(Capability.TRIAGE_REFERRALS)
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for(request, referral_id)
    user = request.user
    return render(
        request,
        "referrals/detail.jinja",
        {
            "referral": referral,
            "presenter": ReferralPresenter(referral),
            "history": list(status_history(referral)),
            "own_answers": answer_rows_for_referral(referral),
            "can_open_person": can_open_person(user, referral.person_id),
            "can_triage": referral.status == Referral.Status.AWAITING_TRIAGE,
            "can_allocate": referral.status == Referral.Status.WAITING and can(user, Capability.ALLOCATE_REFERRALS),
            "can_withdraw": referral.status in {Referral.Status.AWAITING_TRIAGE, Referral.Status.WAITING},
            "referrer_needs_telling": bool(referral.decision)
            and referral.decision != Referral.Decision.ENABLEMENT
            and not referral.referrer_told_at,
            "told_form": ReferrerToldForm(),
            "attached": attached_documents(user, referral.person, referral),
        },
    )


@requires(Capability.TRIAGE_REFERRALS)
def referral_triage(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for(request, referral_id, audit=request.method == "GET")
    if referral.status != Referral.Status.AWAITING_TRIAGE:
        messages.info(request, f"Referral {referral.reference} has already been triaged")
        return redirect("referrals:detail", referral_id=referral.pk)
    form = TriageForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.triage_referral(referral=referral, by=acting_user(request), **form.answers())
        except IllegalTransition as refused:
            show_refusal(request, refused)
            return redirect("referrals:detail", referral_id=referral.pk)
        messages.success(request, f"Referral {referral.reference} triaged: {referral.get_status_display().lower()}")
        if referral.status == Referral.Status.WAITING and can(request.user, Capability.ALLOCATE_REFERRALS):
            # A 1-to-1 decision: offer the allocation straight away ("Allocate later" goes back to the queue).
            return redirect(f"{reverse('referrals:allocate', kwargs={'referral_id': referral.pk})}?from=triage")
        return redirect("referrals:triage_queue")
    return render(request, "referrals/triage.jinja", {"form": form, "referral": referral, "presenter": ReferralPresenter(referral)})
