"""A member's own questionnaires, on their phone: what to fill in, and the form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from outcomes.access import get_own_measurement, own_measurements
from outcomes.models import Measurement
from outcomes.presenters import format_score
from outcomes.views.answering import answering


@requires(Capability.COMPLETE_OWN_MEASURES)
def my_measures(request: HttpRequest) -> HttpResponse:
    measurements = list(own_measurements(request.user).order_by("-measured_on", "-pk")[:50])
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids={m.person_id for m in measurements},
        detail={"list": "own measures"},
    )
    # A licensed measure whose wording is not loaded is not offered: members never see placeholder text.
    to_do = [m for m in measurements if not m.is_complete and m.instrument.wording_available]
    done = [{"measurement": m, "score": format_score(m.score)} for m in measurements if m.is_complete][:20]
    return render(request, "outcomes/my_measures.jinja", {"to_do": to_do, "done": done})


@requires(Capability.COMPLETE_OWN_MEASURES)
def my_measure_answer(request: HttpRequest, measurement_id: int) -> HttpResponse:
    measurement = get_own_measurement(request, measurement_id, audit=request.method == "GET")
    if measurement.is_complete:
        messages.success(request, "You have already finished this questionnaire. Thank you")
        return redirect("outcomes:my_measures")
    if not measurement.instrument.wording_available:
        messages.info(request, "This questionnaire is not ready yet. Your worker will tell you when it is")
        return redirect("outcomes:my_measures")
    saved, page = answering(request, measurement, {"staff_view": False})
    if saved is None:
        assert page is not None
        return page
    if saved.status == Measurement.Status.COMPLETE:
        messages.success(request, f"Thank you. You finished {saved.instrument.short_name}")
    else:
        messages.success(request, "Your answers are saved. You can finish later")
    return redirect("outcomes:my_measures")
