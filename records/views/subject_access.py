"""The subject access register: log a request, keep its clock, export everything held."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_event
from core.pagination import pagination_params
from core.posted import posted
from people.access import find_exactly_one_person
from records import services
from records.access import get_request_for, requests_visible_to
from records.forms import NewSubjectAccessRequestForm, ReasonForm, RestartForm
from records.subject_access import export_person


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_list(request: HttpRequest) -> HttpResponse:
    records = requests_visible_to(request.user).prefetch_related("clock_stops").order_by("status", "received_on", "id")
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "records/request_list.jinja",
        {"page": page, "pagination": pagination_params(page), "today": timezone.localdate()},
    )


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_new(request: HttpRequest) -> HttpResponse:
    form = NewSubjectAccessRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = find_exactly_one_person(
            nhs_number=data["nhs_number"], family_name=data["family_name"], date_of_birth=data["date_of_birth"]
        )
        if person is None:
            form.add_error(
                None, "No single record matches those details. Check them: if the person has no record, tell them we hold nothing"
            )
        else:
            record = services.log_subject_access_request(
                by=acting_user(request), person=person, requested_by=data["requested_by"], received_on=data["received_on"], request=request
            )
            messages.success(request, f"Request logged. It is due by {record.due_on():%d %B %Y}")
            return redirect("records:request_detail", request_id=record.pk)
    return render(request, "records/request_new.jinja", {"form": form})


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    record = get_request_for(request, request_id)
    return render(
        request,
        "records/request_detail.jinja",
        {
            "record": record,
            "events": record.events.select_related("by"),
            "reason_form": ReasonForm(),
            "restart_form": RestartForm(),
            "today": timezone.localdate(),
        },
    )


ACTIONS = {"stop-clock", "restart-clock", "extend", "complete"}


@require_POST
@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_action(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    record = get_request_for(request, request_id)
    user = acting_user(request)
    try:
        if action in {"stop-clock", "extend"}:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Enter the reason, then try again")
                return redirect("records:request_detail", request_id=record.pk)
            if action == "stop-clock":
                services.stop_the_clock(by=user, record=record, reason=form.cleaned_data["reason"], request=request)
            else:
                services.extend(by=user, record=record, reason=form.cleaned_data["reason"], request=request)
        elif action == "restart-clock":
            restart = RestartForm(request.POST)
            restart.is_valid()
            services.restart_the_clock(
                by=user, record=record, identity_checked=restart.cleaned_data.get("identity_checked", False), request=request
            )
        else:
            services.complete(by=user, record=record, request=request)
    except services.IllegalChange as error:
        messages.error(request, str(error))
        return redirect("records:request_detail", request_id=record.pk)
    messages.success(request, "Request updated")
    return redirect("records:request_detail", request_id=record.pk)


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_export(request: HttpRequest, request_id: int) -> HttpResponse:
    record = get_request_for(request, request_id)
    export = export_person(record.person)
    wanted = request.GET.get("format", "html")
    record_event(
        user=request.user, action=Action.EXPORT, person_id=record.person_id, obj=record, detail={"format": wanted}, request=request
    )
    if wanted == "json":
        response = HttpResponse(json.dumps(export, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{record.pk}.json"'
        return response
    return render(request, "records/request_export.jinja", {"record": record, "export": export})
