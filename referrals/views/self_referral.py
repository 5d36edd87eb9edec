"""The public self-referral form: no account needed, no puzzles. Spam is kept out by the one
public-form guard (`core.public_form`: a hidden field, a minimum time to fill it in, a limit per
sender, one send per form shown); a form sent twice makes one referral."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.posted import posted
from core.public_form import Verdict, guard
from core.ratelimit import sender_fingerprint
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
    form = SelfReferralForm(posted(request))
    answers_form = AnswersForm(posted(request), questions=asked_at(Question.Place.SELF_REFERRAL))
    if request.method == "POST":
        answers_valid = answers_form.is_valid()  # checked before the guard, so every error shows at once
        verdict = guard(
            request,
            form,
            scope="self-referral",
            limit=settings.STAR_SELF_REFERRALS_PER_HOUR,
            ceiling=settings.STAR_SELF_REFERRALS_CEILING_PER_HOUR,
            sent_before=lambda token: services.referral_for_token(token) is not None,
        )
        if verdict is Verdict.SPAM:
            logger.info("Self-referral refused: hidden field filled in")
            return redirect("referrals:self_referral_sent")
        if verdict is Verdict.TOO_MANY:
            return render(request, "referrals/self_referral_limit.jinja", status=429)
        if verdict is Verdict.SEND and answers_valid:
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
                token=answers["token"],
                person=person,
                referral=referral,
                fingerprint=sender_fingerprint(request),
                answers=answers_form,
            )
            form.mark_used()
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
