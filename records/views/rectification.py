"""Rectification requests: log one, correct the details it is about (keeping the originals), close
it; and a person's amendment history."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from people.access import find_exactly_one_person, get_person_for
from people.models import Person
from records import rectification as service
from records.access import amendments_for, get_rectification_for, person_being_corrected, rectifications_visible_to
from records.forms import AmendmentForm, ChooseDetailForm, CloseRectificationForm, NewRectificationRequestForm
from records.models import RectificationRequest
from submissions.conflicts import EditCheck, EditConflict, model_edit_check, unchanged_model
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def rectification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(rectifications_visible_to(request.user).order_by("status", "-received_on", "-id"), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "records/rectification_list.jinja", {"page": page, "pagination": pagination_params(page)})


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def rectification_new(request: HttpRequest) -> HttpResponse:
    form = NewRectificationRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = find_exactly_one_person(
            nhs_number=data["nhs_number"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            within=request.user,
        )
        if person is None:
            form.add_error(None, "No single record matches those details. Check them and try again")
        else:
            saved = once(
                request,
                model=RectificationRequest,
                create=lambda: service.log_rectification_request(
                    by=acting_user(request),
                    person=person,
                    requested_by=data["requested_by"],
                    received_on=data["received_on"],
                    what_is_wrong=data["what_is_wrong"],
                ),
            )
            record = saved.obj
            messages.success(request, "Request logged" if saved.created else ALREADY_SAVED)
            return redirect("records:rectification_detail", rectification_id=record.pk)
    return render(request, "records/rectification_new.jinja", {"form": form, "submission_key": key_for_form(request)})


def _details(person: Person) -> list[tuple[str, str]]:
    return [(service.field_label(name), service.display_value(person, name) or "Not recorded") for name in service.AMENDABLE_FIELDS]


@requires(Capability.MANAGE_SUBJECT_ACCESS)
def rectification_detail(request: HttpRequest, rectification_id: int) -> HttpResponse:
    record = get_rectification_for(request, rectification_id, audit=True)
    choose = ChooseDetailForm(request.GET or None)
    amend_form = None
    edit = None
    if choose.is_valid():
        amend_form = AmendmentForm(instance=person_being_corrected(record), field_name=choose.cleaned_data["field_name"])
        edit = model_edit_check(request, amend_form)
    return _detail_page(request, record, choose=choose, amend_form=amend_form, edit=edit)


def _detail_page(
    request: HttpRequest,
    record: RectificationRequest,
    *,
    choose: ChooseDetailForm,
    amend_form: AmendmentForm | None,
    edit: EditCheck | None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "records/rectification_detail.jinja",
        {
            "record": record,
            "details": _details(record.person),
            "amendments": record.amendments.select_related("by"),
            "choose": choose,
            "amend_form": amend_form,
            "edit_check": edit,
            "close_form": CloseRectificationForm(),
        },
        status=status,
    )


@require_POST
@requires(Capability.MANAGE_SUBJECT_ACCESS)
def rectification_amend(request: HttpRequest, rectification_id: int) -> HttpResponse:
    record = get_rectification_for(request, rectification_id)
    choose = ChooseDetailForm(request.POST)
    if not choose.is_valid():
        messages.error(request, "Select the detail to correct")
        return redirect("records:rectification_detail", rectification_id=record.pk)
    name = choose.cleaned_data["field_name"]
    person = person_being_corrected(record)
    form = AmendmentForm(request.POST, instance=person, field_name=name)
    edit = model_edit_check(request, form)  # before is_valid() changes the instance
    if form.is_valid():
        try:
            # Someone else may have changed this detail since the form was opened (another
            # correction, or the person's details page): nothing is saved over it unseen.
            with unchanged_model(request, form, discard_url=_amend_again(record, name)):
                service.amend_person(
                    by=acting_user(request),
                    rectification=record,
                    field=name,
                    value=form.cleaned_data[name],
                    reason=form.cleaned_data["amendment_reason"],
                )
        except service.RectificationError as error:
            show_refusal(request, error, form, field=name)
        except EditConflict as conflict:
            again = AmendmentForm(initial=conflict.merged, instance=person_being_corrected(record), field_name=name)
            return _detail_page(request, record, choose=choose, amend_form=again, edit=conflict.check)
        else:
            messages.success(request, f"{service.field_label(name)} corrected. The original is kept with the amendment")
            return redirect("records:rectification_detail", rectification_id=record.pk)
    return _detail_page(request, record, choose=choose, amend_form=form, edit=edit, status=400)


def _amend_again(record: RectificationRequest, field_name: str) -> str:
    """The correction form for the same detail, freshly opened (keeps the saved version)."""
    return f"{reverse('records:rectification_detail', kwargs={'rectification_id': record.pk})}?field_name={field_name}"


@require_POST
@requires(Capability.MANAGE_SUBJECT_ACCESS)
def rectification_close(request: HttpRequest, rectification_id: int) -> HttpResponse:
    record = get_rectification_for(request, rectification_id)
    form = CloseRectificationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("records:rectification_detail", rectification_id=record.pk)
    try:
        service.close_rectification(
            by=acting_user(request),
            rectification=record,
            status=form.cleaned_data["status"],
            outcome=form.cleaned_data["outcome"],
            statement=form.cleaned_data["statement"],
        )
    except service.RectificationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, "Request closed")
    return redirect("records:rectification_detail", rectification_id=record.pk)


@requires(Capability.EDIT_PERSON)
def person_amendments(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Every amendment to a person's details, with the original value (staff who can see them)."""
    person = get_person_for(request, person_id)
    amendments = amendments_for(request.user, person).order_by("-at", "-id")
    page = Paginator(amendments, 25).get_page(request.GET.get("page"))
    return render(request, "records/person_amendments.jinja", {"person": person, "page": page, "pagination": pagination_params(page)})
