"""A member's offer to volunteer, and a volunteer's own record, rota, hours and claims."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires, signed_in
from accounts.roles import Capability
from core.money import pounds
from core.posted import posted
from core.status import show_refusal
from people.access import own_record
from submissions.services import ALREADY_SAVED, key_for_form, once
from volunteers import expenses, hours, services
from volunteers import rota as rostering
from volunteers.access import (
    get_expense_for,
    get_open_slot_for,
    get_own_slot_for,
    hours_for,
    open_slots_for,
    own_slots,
    own_volunteer_record,
)
from volunteers.forms import ExpenseForm, HoursForm, MemberInterestForm, WellbeingForm
from volunteers.models import HoursEntry, Source, Stage, TrainingModule, Volunteer, WellbeingCheckIn
from volunteers.models.volunteer import VolunteerError
from volunteers.presenters import dbs_status, hours_text, slot_line, supervision_lines, training_lines


@requires(Capability.OFFER_TO_VOLUNTEER)
def offer(request: HttpRequest) -> HttpResponse:
    """A member says "I'd like to volunteer". Their own record is linked."""
    person = own_record(request.user)
    existing = own_volunteer_record(request)
    form = MemberInterestForm(posted(request))
    if request.method == "POST" and existing is None and person is not None and form.is_valid():
        data = form.cleaned_data
        services.express_interest(
            by=acting_user(request),
            source=Source.MEMBER,
            person=person,
            given_name=person.known_as,
            family_name=person.family_name,
            email=person.email,
            phone=person.phone,
            roles_of_interest=data["roles_of_interest"],
            availability=data["availability"],
            lived_experience=data["lived_experience"],
            support_needs=data["support_needs"],
            submission_token=data["token"],
        )
        messages.success(request, "Thank you. The volunteer manager will be in touch.")
        return redirect("volunteers:offer")
    stage = Stage(existing.stage).label if existing else ""
    return render(
        request, "volunteers/own/offer.jinja", {"form": form, "existing": existing, "stage": stage, "has_record": person is not None}
    )


def _own(request: HttpRequest, *, audit: bool = True) -> Volunteer:
    volunteer = own_volunteer_record(request, audit=audit)
    if volunteer is None:
        raise Http404
    return volunteer


@requires(Capability.VOLUNTEER_SELF_SERVICE)
def mine(request: HttpRequest) -> HttpResponse:
    volunteer = own_volunteer_record(request)
    if volunteer is None:
        return render(request, "volunteers/own/no_record.jinja", {})
    today = timezone.localdate()
    slots = [
        slot_line(slot, with_hours=True)
        for slot in own_slots(volunteer).filter(session__ends_at__gte=timezone.now() - timedelta(days=14))[:30]
    ]
    totals = volunteer.hours.aggregate(minutes=Sum("minutes"))
    return render(
        request,
        "volunteers/own/mine.jinja",
        {
            "volunteer": volunteer,
            "stage": Stage(volunteer.stage).label,
            "dbs": dbs_status(list(volunteer.dbs_checks.all()), today),
            "training": training_lines(volunteer, list(TrainingModule.objects.all()), list(volunteer.training.all()), today),
            "slots": slots,
            "hours": [(entry, hours_text(entry.minutes)) for entry in hours_for(volunteer)[:10]],
            "total_hours": hours_text(totals["minutes"]),
            "claims": [(claim, pounds(claim.amount_pence)) for claim in volunteer.expenses.all()[:10]],
            "supervisions": supervision_lines(
                volunteer.supervisions.select_related("supervisor").only(
                    "held_on", "actions", "volunteer_id", "supervisor__first_name", "supervisor__username"
                )[:10]
            ),
            "wellbeing": list(volunteer.wellbeing.all()[:10]),
        },
    )


@requires(Capability.VOLUNTEER_SELF_SERVICE)
def rota(request: HttpRequest) -> HttpResponse:
    volunteer = _own(request)
    slots = [slot_line(slot) for slot in open_slots_for(volunteer)[:50]]
    return render(
        request, "volunteers/own/rota.jinja", {"slots": slots, "can_take": volunteer.can_be_rostered, "stage": Stage(volunteer.stage).label}
    )


@require_POST
@requires(Capability.VOLUNTEER_SELF_SERVICE)
def take_slot(request: HttpRequest, slot_id: int) -> HttpResponse:
    volunteer = _own(request, audit=False)
    slot = get_open_slot_for(request, volunteer, slot_id)
    try:
        rostering.take_slot(slot=slot, volunteer=volunteer, by=acting_user(request))
    except VolunteerError as error:
        show_refusal(request, error)
        return redirect("volunteers:rota")
    messages.success(request, "You are on the rota. Thank you.")
    return redirect("volunteers:mine")


@require_POST
@requires(Capability.VOLUNTEER_SELF_SERVICE)
def confirm_hours(request: HttpRequest, slot_id: int) -> HttpResponse:
    volunteer = _own(request, audit=False)
    slot = get_own_slot_for(request, volunteer, slot_id)
    try:
        hours.log_hours_for_slot(slot=slot, by=acting_user(request))
    except VolunteerError as error:
        show_refusal(request, error)
    else:
        messages.success(request, "Your hours are logged. Thank you.")
    return redirect("volunteers:mine")


@requires(Capability.VOLUNTEER_SELF_SERVICE)
def hours_new(request: HttpRequest) -> HttpResponse:
    volunteer = _own(request, audit=False)
    form = HoursForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = once(
            request,
            model=HoursEntry,
            create=lambda: hours.add_hours(
                volunteer=volunteer,
                by=acting_user(request),
                worked_on=data["worked_on"],
                minutes=data["minutes"],
                description=data["description"],
            ),
        )
        messages.success(request, "Your hours are logged. Thank you." if saved.created else ALREADY_SAVED)
        return redirect("volunteers:mine")
    return render(
        request,
        "volunteers/own/form.jinja",
        {"form": form, "title": "Add hours for other work", "button": "Add hours", "submission_key": key_for_form(request)},
    )


@requires(Capability.VOLUNTEER_SELF_SERVICE)
def expense_new(request: HttpRequest) -> HttpResponse:
    volunteer = _own(request, audit=False)
    form = ExpenseForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        claim = expenses.ClaimRequest(
            kind=data["kind"],
            incurred_on=data["incurred_on"],
            description=data["description"],
            miles=data["miles"],
            amount_pence=form.amount_pence,
            receipt=data["receipt"],
            receipt_content_type=form.receipt_content_type,
            submission_token=data["token"],
        )
        try:
            expenses.submit_expense(volunteer=volunteer, by=acting_user(request), claim=claim)
        except VolunteerError as error:
            show_refusal(request, error, form, field="receipt" if "receipt" in str(error) else None)
        else:
            messages.success(request, "Your claim is sent. A manager will look at it.")
            return redirect("volunteers:mine")
    return render(request, "volunteers/own/expense.jinja", {"form": form})


@requires(Capability.VOLUNTEER_SELF_SERVICE)
def wellbeing_new(request: HttpRequest) -> HttpResponse:
    volunteer = _own(request, audit=False)
    form = WellbeingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        once(
            request,
            model=WellbeingCheckIn,
            create=lambda: services.check_in_wellbeing(
                volunteer=volunteer,
                by=acting_user(request),
                feeling=data["feeling"],
                note=data["note"],
                wants_a_chat=data["wants_a_chat"],
            ),
        )
        messages.success(request, "Thank you for telling us how you are.")
        return redirect("volunteers:mine")
    return render(
        request,
        "volunteers/own/form.jinja",
        {"form": form, "title": "How are you?", "button": "Send", "submission_key": key_for_form(request)},
    )


@signed_in
def receipt(request: HttpRequest, claim_id: int) -> HttpResponse:
    """A receipt, only to the volunteer who claimed and to managers. Never served publicly."""
    claim = get_expense_for(request, claim_id)
    if not claim.receipt:
        raise Http404
    if claim.receipt_content_type not in ("application/pdf", "image/png", "image/jpeg"):
        raise PermissionDenied
    response = FileResponse(claim.receipt.open("rb"), content_type=claim.receipt_content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]
