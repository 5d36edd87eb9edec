"""The administrator loads licensed wording (such as SWEMWBS) from a file the organisation holds a licence for."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_event
from core.posted import posted
from outcomes.forms import WordingUploadForm
from outcomes.loading import InstrumentFileError, load_wording
from outcomes.models import Instrument

MAX_BYTES = 200_000


@requires(Capability.LOAD_INSTRUMENT_WORDING)
def wording(request: HttpRequest) -> HttpResponse:
    form = WordingUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", "The file is too big. A wording file is smaller than 200 KB")
        else:
            try:
                instrument = load_wording(upload.read(), upload.name)
            except InstrumentFileError as error:
                for problem in str(error).splitlines():
                    form.add_error("file", f"{problem}. Nothing was loaded")
            else:
                record_event(
                    user=acting_user(request),
                    action=Action.UPDATE,
                    obj=instrument,
                    detail={"wording_loaded": instrument.code},
                    request=request,
                )
                messages.success(request, f"Loaded the wording of {instrument.short_name}")
                return redirect("outcomes:wording")
    licensed = Instrument.objects.filter(wording_licensed=True).order_by("short_name")
    return render(request, "outcomes/wording.jinja", {"form": form, "licensed": licensed})
