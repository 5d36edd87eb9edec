"""A person's outcome measures: the overview with charts, starting or sending a measure, answering, one result."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from core.status import show_refusal
from enablement.access import contacts_of
from outcomes import services
from outcomes.access import get_measurement_for, measurements_for
from outcomes.forms import SEND, StartMeasurementForm
from outcomes.models import Instrument, Item, Measurement
from outcomes.presenters import answer_label, describe, series_for
from outcomes.views.answering import answering
from people.access import get_person_for
from people.views.person import person_header_context
from submissions.services import key_for_form, once


def _item_texts(instrument_ids: set[int]) -> dict[int, list[tuple[str, str, list[dict[str, object]]]]]:
    texts: dict[int, list[tuple[str, str, list[dict[str, object]]]]] = {}
    for item in Item.objects.filter(instrument_id__in=instrument_ids).order_by("instrument", "order"):
        texts.setdefault(item.instrument_id, []).append((item.link_id, item.text, item.bands))
    return texts


@requires(Capability.RECORD_OUTCOMES)
def person_outcomes(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    completed = list(measurements_for(request.user, person).filter(status=Measurement.Status.COMPLETE))
    return render(
        request,
        "outcomes/person.jinja",
        {
            **person_header_context(request, person),
            "due": services.measures_due_for(person),
            "series": series_for(completed, _item_texts({m.instrument_id for m in completed})),
        },
    )


def contact_initial(request: HttpRequest) -> dict[str, str]:
    """Coming from a contact's "complete a measure" link preselects that contact."""
    chosen = request.GET.get("contact", "")
    return {"contact": chosen} if chosen.isdigit() else {}


@requires(Capability.RECORD_OUTCOMES)
def measurement_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    instruments = list(Instrument.objects.all())
    # Contacts of the last 90 days (a queryset, not a slice, so the choice can be validated).
    recent_contacts = contacts_of(request.user, person).filter(contact_date__gte=timezone.localdate() - timedelta(days=90))
    form = StartMeasurementForm(
        posted(request),
        instruments=instruments,
        contacts=recent_contacts,
        initial={"measured_on": timezone.localdate(), **contact_initial(request)},
    )
    if request.method == "POST" and form.is_valid():
        send = form.cleaned_data["how"] == SEND
        try:
            measurement = once(
                request,
                model=Measurement,
                create=lambda: services.start_measurement(
                    by=acting_user(request),
                    person=person,
                    instrument=form.cleaned_data["instrument"],
                    measured_on=form.cleaned_data["measured_on"],
                    send_to_member=send,
                    contact=form.cleaned_data.get("contact"),
                ),
            ).obj
        except services.MeasurementNotAllowed as refused:
            show_refusal(request, refused, form)
        else:
            if send:
                messages.success(request, f"{measurement.instrument.short_name} sent to {person.known_as}")
                return redirect("outcomes:person", person_id=person.pk)
            return redirect("outcomes:answer", person_id=person.pk, measurement_id=measurement.pk)
    unavailable = [i for i in instruments if not i.wording_available]
    return render(
        request,
        "outcomes/start.jinja",
        {**person_header_context(request, person), "form": form, "unavailable": unavailable, "submission_key": key_for_form(request)},
    )


@requires(Capability.RECORD_OUTCOMES)
def measurement_answer(request: HttpRequest, person_id: uuid.UUID, measurement_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    measurement = get_measurement_for(request, person, measurement_id, audit=request.method == "GET")
    if measurement.is_complete:
        return redirect("outcomes:measurement", person_id=person.pk, measurement_id=measurement.pk)
    saved, page = answering(request, measurement, {**person_header_context(request, person), "staff_view": True})
    if saved is None:
        assert page is not None
        return page
    if saved.is_complete:
        messages.success(request, f"{saved.instrument.short_name} finished and scored")
        return redirect("outcomes:measurement", person_id=person.pk, measurement_id=saved.pk)
    messages.success(request, "Answers saved. You can finish the measure later")
    return redirect("outcomes:person", person_id=person.pk)


@requires(Capability.RECORD_OUTCOMES)
def measurement_detail(request: HttpRequest, person_id: uuid.UUID, measurement_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    measurement = get_measurement_for(request, person, measurement_id)
    first = (
        measurements_for(request.user, person)
        .filter(instrument=measurement.instrument, status=Measurement.Status.COMPLETE)
        .order_by("measured_on", "pk")
        .first()
    )
    items = list(measurement.instrument.items.all())
    answers = [
        {
            "number": number,
            "text": item.text or f"Question {number}",
            "goal": measurement.goal_texts.get(item.link_id, ""),
            "answer": answer_label(measurement.instrument, measurement.answers.get(item.link_id)) or "Not answered",
        }
        for number, item in enumerate(items, start=1)
    ]
    return render(
        request,
        "outcomes/measurement.jinja",
        {
            **person_header_context(request, person),
            "measurement": measurement,
            "row": describe(measurement, first) if measurement.is_complete else None,
            "answers": answers,
        },
    )
