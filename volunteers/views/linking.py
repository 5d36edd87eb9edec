"""Offers joined to the person's existing record: staff record one from the person's page, and a
manager links an offer made through the public form to the person's record."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from core.posted import posted
from core.status import show_refusal
from people.access import get_person_for
from people.forms import IdentifyPersonForm
from volunteers import services
from volunteers.access import get_volunteer_for, identify_person_for
from volunteers.forms import PersonOfferForm
from volunteers.models import Source
from volunteers.models.volunteer import VolunteerError


@requires(Capability.RECORD_VOLUNTEER_OFFER)
def record_offer_for_person(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    form = PersonOfferForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        volunteer = services.express_interest(
            by=acting_user(request),
            source=Source.STAFF,
            given_name=person.given_name,
            family_name=person.family_name,
            email=person.email,
            phone=person.phone,
            person=person,
            roles_of_interest=data["roles_of_interest"],
            availability=data["availability"],
            lived_experience=data["lived_experience"],
            support_needs=data["support_needs"],
            submission_token=data["token"],
        )
        messages.success(request, f"Offer to volunteer recorded for {person.full_name}")
        if can(request.user, Capability.MANAGE_VOLUNTEERS):
            return redirect("volunteers:detail", volunteer_id=volunteer.pk)
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "volunteers/manage/person_offer.jinja",
        {"form": form, "person": person, "title": f"Record an offer to volunteer from {person.full_name}"},
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def link_person(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    volunteer = get_volunteer_for(request, volunteer_id)
    form = IdentifyPersonForm(posted(request))
    if volunteer.person_id is not None:
        messages.info(request, "This volunteer is already linked to a person's record")
        return redirect("volunteers:detail", volunteer_id=volunteer.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = identify_person_for(
            request.user, nhs_number=data["nhs_number"], family_name=data["family_name"], date_of_birth=data["date_of_birth"]
        )
        if person is None:
            form.add_error(None, "No single record you can see matches those details. Check them and try again")
        else:
            try:
                services.link_to_person(volunteer=volunteer, person=person, by=acting_user(request))
            except VolunteerError as error:
                show_refusal(request, error, form)
            else:
                messages.success(request, f"Linked to {person.full_name}'s record")
                return redirect("volunteers:detail", volunteer_id=volunteer.pk)
    return render(
        request,
        "volunteers/manage/form.jinja",
        {"form": form, "title": f"Link {volunteer.name} to their record", "button": "Link to this record"},
    )
