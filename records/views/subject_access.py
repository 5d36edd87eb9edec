"""The subject access register: log a request, keep its clock, review third-party information,
release the reviewed copy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from downloads import services as downloads
from downloads.views.asking import offer_or_ask
from people.access import find_exactly_one_person
from records import services
from records.access import get_flagged_item_for, get_request_for, requests_visible_to
from records.builders import (
    FILE_FORMATS,
    NOT_APPROVED,
    SUBJECT_ACCESS_COPY,
    audit_subject_access_copy,
    copy_name,
    subject_access_file,
)
from records.forms import DecisionForm, ExtendForm, IdentityCheckForm, NewSubjectAccessRequestForm, ReasonForm, RestartForm
from records.models import SubjectAccessRequest
from records.models.subject_access import IllegalChange
from records.subject_access import FLAG_KEY, export_person, flagged_values
from submissions.services import ALREADY_SAVED, key_for_form, once


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
            nhs_number=data["nhs_number"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            within=request.user,
        )
        if person is None:
            form.add_error(
                None, "No single record matches those details. Check them: if the person has no record, tell them we hold nothing"
            )
        else:
            saved = once(
                request,
                model=SubjectAccessRequest,
                create=lambda: services.log_subject_access_request(
                    by=acting_user(request),
                    person=person,
                    requested_by=data["requested_by"],
                    received_on=data["received_on"],
                    received_how=data["received_how"],
                    identity_checked_how=data["identity_checked_how"],
                ),
            )
            record = saved.obj
            messages.success(request, f"Request logged. It is due by {record.due_on():%d %B %Y}" if saved.created else ALREADY_SAVED)
            return redirect("records:request_detail", request_id=record.pk)
    return render(request, "records/request_new.jinja", {"form": form, "submission_key": key_for_form(request)})


def _detail_context(request: HttpRequest, record: Any, **forms: Any) -> dict[str, Any]:
    return {
        "record": record,
        "events": record.events.select_related("by"),
        "reason_form": ReasonForm(),
        "restart_form": RestartForm(),
        "identity_form": IdentityCheckForm(),
        "can_approve": can(request.user, Capability.APPROVE_SUBJECT_ACCESS)
        and request.user.pk not in {record.handled_by_id, record.identity_checked_by_id},
        "extend_form": ExtendForm(),
        "pending": record.flagged_items.filter(decision="").count(),
        "flagged": record.flagged_items.count(),
        "today": timezone.localdate(),
        **forms,
    }


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    record = get_request_for(request, request_id, audit=True)
    return render(request, "records/request_detail.jinja", _detail_context(request, record))


ACTIONS = {"stop-clock", "restart-clock", "extend", "complete", "release", "check", "identity-checked", "approve"}
# Actions that open the record's contents: only once a second person has approved the request.
OPENS_THE_RECORD = {"check", "release"}


@require_POST
@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_action(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    record = get_request_for(request, request_id)
    user = acting_user(request)
    try:
        if action in OPENS_THE_RECORD:
            services.require_approval(record)
        if action == "approve":
            services.approve_subject_access_request(by=user, record=record)
        elif action == "identity-checked":
            identity = IdentityCheckForm(request.POST)
            if not identity.is_valid():
                messages.error(request, "Say how you checked who they are, then try again")
                return redirect("records:request_detail", request_id=record.pk)
            services.record_identity_check(by=user, record=record, how=identity.cleaned_data["how"])
        elif action == "stop-clock":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Enter the reason, then try again")
                return redirect("records:request_detail", request_id=record.pk)
            services.stop_the_clock(by=user, record=record, reason=form.cleaned_data["reason"])
        elif action == "extend":
            extend_form = ExtendForm(request.POST)
            if not extend_form.is_valid():
                return render(
                    request, "records/request_detail.jinja", _detail_context(request, record, extend_form=extend_form), status=400
                )
            data = extend_form.cleaned_data
            services.extend(by=user, record=record, months=data["months"], reason=data["reason"], told_on=data["told_on"])
        elif action == "restart-clock":
            restart = RestartForm(request.POST)
            restart.is_valid()
            services.restart_the_clock(by=user, record=record, identity_checked=restart.cleaned_data.get("identity_checked", False))
        elif action == "check":
            # Flagging writes rows, so it is a POST: opening the review page changes nothing.
            pending = services.sync_flags(record=record)
            messages.success(
                request, f"Checked the record: {pending} item{'' if pending == 1 else 's'} need{'s' if pending == 1 else ''} a decision"
            )
            return redirect(_review_url(record.pk))
        elif action == "release":
            services.release(by=user, record=record)
            messages.success(request, "The reviewed copy is ready to send")
            return redirect("records:request_detail", request_id=record.pk)
        else:
            services.complete(by=user, record=record)
    except IllegalChange as error:
        show_refusal(request, error)
        return redirect("records:request_detail", request_id=record.pk)
    messages.success(request, "Request updated")
    return redirect("records:request_detail", request_id=record.pk)


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_export(request: HttpRequest, request_id: int) -> HttpResponse:
    """The working copy for the reviewer, with third-party information marked. Not for sending."""
    record = get_request_for(request, request_id)
    if not record.is_approved:
        return _not_approved(request, record.pk)
    wanted = request.GET.get("format", "html")
    if wanted in FILE_FORMATS and downloads.in_background():
        return _offer_copy(request, record, copy="working", wanted=wanted)
    export = export_person(record.person)
    audit_subject_access_copy(acting_user(request), record, copy="working", wanted=wanted)
    if wanted in FILE_FORMATS:
        return _file_download(export, name=copy_name(record, "working"), wanted=wanted)
    return render(request, "records/request_export.jinja", {"record": record, "export": export, "released": False, "flag_key": FLAG_KEY})


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_released(request: HttpRequest, request_id: int) -> HttpResponse:
    """The copy to send: every reviewer's decision applied, as it was when released."""
    record = get_request_for(request, request_id)
    if not record.is_approved:
        return _not_approved(request, record.pk)
    if record.released_export is None:
        raise Http404
    wanted = request.GET.get("format", "html")
    if wanted in FILE_FORMATS and downloads.in_background():
        return _offer_copy(request, record, copy="released", wanted=wanted)
    audit_subject_access_copy(acting_user(request), record, copy="released", wanted=wanted)
    if wanted in FILE_FORMATS:
        return _file_download(record.released_export, name=copy_name(record, "released"), wanted=wanted)
    return render(
        request,
        "records/request_export.jinja",
        {"record": record, "export": record.released_export, "released": True, "flag_key": FLAG_KEY},
    )


def _not_approved(request: HttpRequest, request_id: int) -> HttpResponse:
    messages.error(request, NOT_APPROVED)
    return redirect("records:request_detail", request_id=request_id)


def _offer_copy(request: HttpRequest, record: SubjectAccessRequest, *, copy: str, wanted: str) -> HttpResponse:
    """With a broker the JSON or ZIP is prepared by a worker (`records.builders`), which checks
    again and audits it as the direct download does."""
    which = "working copy" if copy == "working" else "copy to send"
    return offer_or_ask(
        request,
        kind=SUBJECT_ACCESS_COPY,
        params={"request_id": str(record.pk), "copy": copy, "format": wanted},
        title=f"Subject access request {record.pk}: the {which} as {wanted.upper()}",
        describe=f"The {which} for subject access request {record.pk}, as a {wanted.upper()} file.",
        back_url=reverse("records:request_detail", kwargs={"request_id": record.pk}),
    )


def _file_download(export: dict[str, Any], *, name: str, wanted: str) -> HttpResponse:
    """The copy as JSON, or as a ZIP with its files (documents, receipts: see
    records.subject_access_files), streamed from a temporary file."""
    content, filename, content_type = subject_access_file(export, name=name, wanted=wanted)
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    streamed = FileResponse(content, as_attachment=True, filename=filename, content_type=content_type)
    streamed["Cache-Control"] = "no-store, private"
    return streamed  # type: ignore[return-value]  # a FileResponse streams; Django sends it as any response


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_review(request: HttpRequest, request_id: int) -> HttpResponse:
    """Each piece of possibly third-party information, with a decision form. Pending first."""
    record = get_request_for(request, request_id, audit=True)
    if not record.is_approved:
        return _not_approved(request, record.pk)
    show = request.GET.get("show", "pending")
    items = record.flagged_items.select_related("decided_by").order_by("decided_at", "section", "object_id", "field", "id")
    if show == "pending":
        items = items.filter(decision="")
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    values = flagged_values(list(page.object_list))
    return render(
        request,
        "records/request_review.jinja",
        {
            "record": record,
            "page": page,
            "pagination": pagination_params(page),
            "values": values,
            "show": show,
            "pending": record.flagged_items.filter(decision="").count(),
            "total": record.flagged_items.count(),
        },
    )


@require_POST
@requires(Capability.MANAGE_SUBJECT_ACCESS)
def request_decide(request: HttpRequest, request_id: int, item_id: int) -> HttpResponse:
    record = get_request_for(request, request_id)
    if not record.is_approved:
        return _not_approved(request, record.pk)
    item = get_flagged_item_for(record, item_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect(f"{_review_url(record.pk)}#item-{item.pk}")
    try:
        services.decide(by=acting_user(request), item=item, **form.cleaned_data)
    except IllegalChange as error:
        show_refusal(request, error)
        return redirect(_review_url(record.pk))
    messages.success(request, f"Decision recorded: {item.get_decision_display().lower()}")
    return redirect(_review_url(record.pk))


def _review_url(request_id: int) -> str:
    return reverse("records:request_review", kwargs={"request_id": request_id})
