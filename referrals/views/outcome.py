"""After triage: recording that the referrer was told, and withdrawing a referral."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from core.status import show_refusal
from referrals import services
from referrals.access import get_referral_for
from referrals.forms import ReferrerToldForm, WithdrawForm
from referrals.models.referral import IllegalTransition
from referrals.presenters import ReferralPresenter


@require_POST
@requires(Capability.TRIAGE_REFERRALS)
def referrer_told(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for(request, referral_id, audit=False)
    form = ReferrerToldForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select how you told the referrer")
    else:
        try:
            services.record_referrer_told(referral=referral, by=acting_user(request), how=form.cleaned_data["how"])
            messages.success(request, "Recorded that the referrer has been told")
        except IllegalTransition as refused:
            show_refusal(request, refused)
    return redirect("referrals:detail", referral_id=referral.pk)


@requires(Capability.TRIAGE_REFERRALS)
def referral_withdraw(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for(request, referral_id, audit=request.method == "GET")
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_referral(referral=referral, by=acting_user(request), reason=form.cleaned_data["reason"])
            messages.success(request, f"Referral {referral.reference} withdrawn")
        except IllegalTransition as refused:
            show_refusal(request, refused)
        return redirect("referrals:detail", referral_id=referral.pk)
    return render(request, "referrals/withdraw.jinja", {"form": form, "referral": referral, "presenter": ReferralPresenter(referral)})


@require_POST
@requires(Capability.ALLOCATE_REFERRALS)
def identity_checked(request: HttpRequest, referral_id: int) -> HttpResponse:
    """A service manager records that the person's identity has been reconciled (the NHS number
    sent was on another record with a different name or date of birth)."""
    referral = get_referral_for(request, referral_id, audit=False)
    services.mark_identity_checked(referral=referral, by=acting_user(request))
    messages.success(request, "Identity checked. The referral can be triaged")
    return redirect("referrals:detail", referral_id=referral.pk)
