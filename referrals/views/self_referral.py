"""The public self-referral form: no account needed, no puzzles. Spam is kept out by a hidden
field, a minimum time to fill it in and a limit per sender; a form sent twice makes one referral."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.client_address import client_address, is_known
from people.models import Person
from questions.forms import AnswersForm
from questions.models import Question
from questions.services import asked_at
from referrals import services
from referrals.forms import SelfReferralForm
from referrals.models import Referral
from referrals.presenters import reply_by

logger = logging.getLogger(__name__)
SENT_KEY = "star_self_referral_sent"


def self_referral(request: HttpRequest) -> HttpResponse:
    questions = asked_at(Question.Place.SELF_REFERRAL)
    if request.method != "POST":
        return render(
            request,
            "referrals/self_referral.jinja",
            {"form": SelfReferralForm(initial=SelfReferralForm.fresh_initial()), "answers_form": AnswersForm(questions=questions)},
        )
    data = request.POST.copy()
    for name, value in SelfReferralForm.fresh_initial().items():
        # A form that lost its hidden fields gets new ones (a missing start time counts as too fast).
        if not data.get(name):
            data[name] = value
    form = SelfReferralForm(data)
    answers_form = AnswersForm(request.POST, questions=questions)
    if form.is_honeypot_filled:
        logger.info("Self-referral refused: hidden field filled in")
        return redirect("referrals:self_referral_sent")
    if form.is_valid() & answers_form.is_valid():  # both, so every error shows at once
        token = form.cleaned_data["token"]
        already = services.referral_for_token(token)
        if already is not None:
            return _sent(request, already)
        # The real client's address (core.client_address); behind a proxy STaR was not told about
        # it is the proxy's, shared by everyone: then only the form's own token and the
        # service-wide ceiling count.
        fingerprint = services.sender_fingerprint(client_address(request)) if is_known(request) else ""
        if services.too_many_self_referrals(fingerprint):
            return render(request, "referrals/self_referral_limit.jinja", status=429)
        if form.sent_too_fast:
            form.add_error(None, "Check your answers, then send the form again")
        else:
            answers = form.cleaned_data
            person = Person(
                given_name=answers["given_name"],
                family_name=answers["family_name"],
                date_of_birth=answers["date_of_birth"],
                phone=answers["phone"],
                email=answers["email"],
                first_language=answers["interpreter_language"] if answers["interpreter_needed"] else "",
            )
            referral = Referral(
                reason_in_persons_words=answers["reason"],
                interpreter_needed=answers["interpreter_needed"],
                interpreter_language=answers["interpreter_language"],
                consent_given=answers["consent_given"],
            )
            referral = services.receive_self_referral(
                token=token, person=person, referral=referral, fingerprint=fingerprint, answers=answers_form
            )
            return _sent(request, referral)
    return render(request, "referrals/self_referral.jinja", {"form": form, "answers_form": answers_form})


def _sent(request: HttpRequest, referral: Referral) -> HttpResponse:
    request.session[SENT_KEY] = {
        "reference": referral.reference,
        "reply_by": reply_by(timezone.localdate(referral.received_at)).isoformat(),
    }
    return redirect("referrals:self_referral_sent")


def self_referral_sent(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(SENT_KEY) or {}
    return render(
        request,
        "referrals/self_referral_sent.jinja",
        {
            "reference": sent.get("reference", ""),
            "reply_by": date.fromisoformat(sent["reply_by"]) if sent.get("reply_by") else None,
            "working_days": settings.STAR_TRIAGE_RESPONSE_WORKING_DAYS,
        },
    )
