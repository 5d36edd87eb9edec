"""A member's own appointments with their STR worker: what is coming up, and calling one off."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from appointments import services
from appointments.access import get_own_appointment, own_appointments


@requires(Capability.SEE_OWN_RECORD)
def appointments(request: HttpRequest) -> HttpResponse:
    listed = own_appointments(request, upcoming_from=timezone.now() - timedelta(days=1))
    return render(request, "portal/appointments.jinja", {"appointments": listed, "now": timezone.now()})


@require_POST
@requires(Capability.SEE_OWN_RECORD)
def cancel_appointment(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = get_own_appointment(request, appointment_id)
    try:
        services.cancel_appointment(
            by=acting_user(request),
            appointment=appointment,
            by_person=True,
            reason=request.POST.get("reason", "")[:300],
        )
    except services.AppointmentError:
        messages.error(request, _("This appointment cannot be cancelled here now. Please call your STR worker."))
    else:
        messages.success(request, _("We have cancelled your appointment and told your STR worker."))
    return redirect("portal:appointments")
