"""Staff record a referral: find the person among those they may see, or register them."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.posted import posted
from people.models import Person
from people.presenters import PersonPresenter
from questions.forms import AnswersForm
from questions.models import Question
from questions.services import asked_at, record_answers
from referrals import services
from referrals.access import possible_duplicates
from referrals.forms import NewPersonForm, ReferralForm
from referrals.models import Referral
from submissions.services import earlier, key_for_form, once


@requires(Capability.RECORD_REFERRALS)
def referral_new(request: HttpRequest) -> HttpResponse:
    person_form = NewPersonForm(posted(request))
    referral_form = ReferralForm(posted(request))
    answers_form = AnswersForm(posted(request), questions=asked_at(Question.Place.REFERRAL))
    if (already := earlier(request, Referral)) is not None:
        messages.info(request, f"Referral {already.reference} was already recorded. It has not been recorded twice")
        return redirect("referrals:detail", referral_id=already.pk)
    matches: list[Person] = []
    match_error = ""
    if request.method == "POST" and person_form.is_valid():
        candidate = person_form.save(commit=False)
        # Possible duplicates are shown as soon as the person's details are valid.
        matches = possible_duplicates(request.user, candidate)
        record_events_for_people(
            user=request.user,
            action=Action.SEARCH,
            person_ids=[p.pk for p in matches],
            detail={"list": "referral_matches"},
        )
        choice = request.POST.get("match", "")
        chosen = next((person for person in matches if str(person.pk) == choice), None)
        if matches and choice != "new" and chosen is None:
            match_error = "Choose the person this referral is for, or choose ‘Someone new’" if choice else ""
        elif referral_form.is_valid() & answers_form.is_valid():  # both, so every error shows at once
            unsaved = referral_form.save(commit=False)
            try:
                saved = once(
                    request,
                    model=Referral,
                    create=lambda: _record_with_answers(
                        request, referral=unsaved, person=chosen, new_person=None if chosen else candidate, answers=answers_form
                    ),
                )
            except services.IdentifierConflict as conflict:
                person_form.add_error("nhs_number", str(conflict))
            else:
                referral = saved.obj
                if saved.created:
                    messages.success(request, f"Referral {referral.reference} recorded. It is in the triage queue")
                else:
                    messages.info(request, f"Referral {referral.reference} was already recorded. It has not been recorded twice")
                return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/new.jinja",
        {
            "person_form": person_form,
            "form": referral_form,
            "answers_form": answers_form,
            "matches": [(person, PersonPresenter(person)) for person in matches],
            "match_error": match_error,
            "match_choice": request.POST.get("match", "") if request.method == "POST" else "",
            "submission_key": key_for_form(request),
            "has_errors": bool(person_form.errors or referral_form.errors or answers_form.errors or match_error),
        },
    )


@transaction.atomic
def _record_with_answers(
    request: HttpRequest, *, referral: Referral, person: Person | None, new_person: Person | None, answers: AnswersForm
) -> Referral:
    """The referral and the answers to the service's own questions, in one transaction."""
    by = acting_user(request)
    saved = services.record_referral(by=by, referral=referral, person=person, new_person=new_person)
    record_answers(by=by, person=saved.person, referral=saved, form=answers)
    return saved
