"""The administrator loads licensed wording (such as SWEMWBS) from a file the organisation holds a licence for."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_event
from core.posted import posted
from outcomes.forms import WordingUploadForm
from outcomes.loading import InstrumentFileError, load_wording
from outcomes.models import Instrument
from outcomes.wording import WordingForm, current_wording
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened

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
                )
                messages.success(request, f"Loaded the wording of {instrument.short_name}")
                return redirect("outcomes:wording")
    licensed = Instrument.objects.filter(wording_licensed=True).order_by("short_name")
    return render(request, "outcomes/wording.jinja", {"form": form, "licensed": licensed})


@requires(Capability.LOAD_INSTRUMENT_WORDING)
def wording_enter(request: HttpRequest, code: str) -> HttpResponse:
    """The wording of one licensed measure, question by question, checked against its items."""
    instrument = get_object_or_404(Instrument, code=code, wording_licensed=True)
    items = list(instrument.items.order_by("order"))
    saved = current_wording(instrument, items)
    form = WordingForm(
        posted(request), request.FILES if request.method == "POST" else None, instrument=instrument, items=items, initial=saved
    )
    edit = edit_check(request, form, saved=saved)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(request, form, saved=lambda: _locked_wording(instrument), discard_url=request.path):
                instrument = load_wording(json.dumps(form.wording()), "the form")
        except EditConflict as conflict:
            form = WordingForm(instrument=instrument, items=items, initial=conflict.merged)
            edit = conflict.check
        except InstrumentFileError as error:
            for problem in str(error).splitlines():
                form.add_error(None, f"{problem.removeprefix('the form: ')}. Nothing was loaded")
        else:
            record_event(user=acting_user(request), action=Action.UPDATE, obj=instrument, detail={"wording_loaded": instrument.code})
            messages.success(request, f"Loaded the wording of {instrument.short_name}. Members can now be sent it")
            return redirect("outcomes:wording")
    return render(request, "outcomes/wording_enter.jinja", {"form": form, "instrument": instrument, "edit_check": edit})


def _locked_wording(instrument: Instrument) -> dict[str, Any]:
    locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
    return current_wording(locked, list(locked.items.order_by("order")))
