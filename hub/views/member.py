"""The member's own signposting, in the portal: where they were pointed, and "did you get there?"."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_event
from core.posted import posted
from hub import services
from hub.access import person_signpostings_for
from hub.forms import FollowUpForm
from people.access import people_visible_to
from people.models import Person


def _own_person(request: HttpRequest) -> Person:
    person = people_visible_to(request.user).filter(user=acting_user(request)).first()
    if person is None:
        raise Http404
    return person


@requires(Capability.SEE_OWN_RECORD)
def my_signposting(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=person, detail={"own_pages": "signposting"})
    signpostings = list(person_signpostings_for(request.user, person)[:50])
    return render(request, "hub/member/list.jinja", {"signpostings": signpostings, "form": FollowUpForm()})


@requires(Capability.SEE_OWN_RECORD)
def my_answer(request: HttpRequest, signposting_id: int) -> HttpResponse:
    person = _own_person(request)
    signposting = person_signpostings_for(request.user, person).filter(pk=signposting_id).first()
    if signposting is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=signposting)
    form = FollowUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.answer_follow_up(by=acting_user(request), signposting=signposting, answer=form.cleaned_data["answer"])
        messages.success(request, "Thank you. Your answer has been saved")
        return redirect("hub:my_signposting")
    return render(request, "hub/member/answer.jinja", {"form": form, "signposting": signposting})
