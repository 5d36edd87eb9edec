"""Emergency access to a record outside the worker's caseload: reason required, time-limited,
audited and reviewed. The worker must already know who the person is: this never lists records."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.refusals import record_refusal
from core.posted import posted
from people import services
from people.access import find_exactly_one_person
from people.forms import BreakGlassForm


@requires(Capability.BREAK_GLASS)
def break_glass(request: HttpRequest) -> HttpResponse:
    form = BreakGlassForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = find_exactly_one_person(
            nhs_number=data["nhs_number"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            within=request.user,
        )
        if person is None:
            # A look-up that matched nobody is a refusal too: who tried, for what, and why.
            record_refusal(
                request,
                refused="emergency_access_not_matched",
                detail={"looked_for": {"nhs_number": data["nhs_number"], "family_name": data["family_name"][:100]}},
                reason=data["reason"],
            )
            form.add_error(None, "No single record matches those details. Check them, or ask your service manager for help")
        else:
            grant = services.break_glass(
                by=acting_user(request),
                person=person,
                reason_code=data["reason_code"],
                reason=data["reason"],
            )
            messages.success(
                request,
                f"You have emergency access to this record until {grant.expires_at:%H:%M on %d %B}. Your service manager will review it.",
            )
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/break_glass.jinja", {"form": form})
