"""Staff record a referral: find the person among those they may see, or register them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from people.models import Person
from people.presenters import PersonPresenter
from referrals import services
from referrals.access import possible_duplicates
from referrals.forms import NewPersonForm, ReferralForm


@requires(Capability.RECORD_REFERRALS)
def referral_new(request: HttpRequest) -> HttpResponse:
    person_form = NewPersonForm(request.POST if request.method == "POST" else None)
    referral_form = ReferralForm(request.POST if request.method == "POST" else None)
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
            request=request,
        )
        choice = request.POST.get("match", "")
        chosen = next((person for person in matches if str(person.pk) == choice), None)
        if matches and choice != "new" and chosen is None:
            match_error = "Choose the person this referral is for, or choose ‘Someone new’" if choice else ""
        elif referral_form.is_valid():
            try:
                referral = services.record_referral(
                    by=acting_user(request),
                    referral=referral_form.save(commit=False),
                    person=chosen,
                    new_person=None if chosen else candidate,
                    request=request,
                )
            except services.IdentifierConflict as conflict:
                person_form.add_error("nhs_number", str(conflict))
            else:
                messages.success(request, f"Referral {referral.reference} recorded. It is in the triage queue")
                return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/new.jinja",
        {
            "person_form": person_form,
            "form": referral_form,
            "matches": [(person, PersonPresenter(person)) for person in matches],
            "match_error": match_error,
            "match_choice": request.POST.get("match", "") if request.method == "POST" else "",
            "has_errors": bool(person_form.errors or referral_form.errors or match_error),
        },
    )
