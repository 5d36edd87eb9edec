"""Raising a safeguarding concern, following it up, and the manager's list of open concerns."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from people.access import get_person_for
from people.attached_documents import attached_documents
from people.views.person import person_header_context
from safeguarding import services
from safeguarding.access import get_concern_for, history_of, open_concerns_for
from safeguarding.forms import ConcernForm, ConcernUpdateForm
from safeguarding.models import SafeguardingConcern
from safeguarding.models.concerns import ConcernError
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.RECORD_RISK)
def concern_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    form = ConcernForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referred = data["referred"] == "yes"
        concern = SafeguardingConcern(
            person=person,
            category=data["category"],
            what_happened=data["what_happened"],
            action_taken=data["action_taken"],
            persons_wishes=data["persons_wishes"],
            referred_to_local_authority=referred,
            referral_date=data["referral_date"] if referred else None,
            referral_reference=data["referral_reference"] if referred else "",
        )
        saved = once(
            request,
            model=SafeguardingConcern,
            create=lambda: services.raise_safeguarding_concern(by=acting_user(request), concern=concern, request=request),
        )
        messages.success(request, "Safeguarding concern raised. The service managers have been told" if saved.created else ALREADY_SAVED)
        return redirect("safeguarding:concern_detail", person_id=person.pk, concern_id=saved.obj.pk)
    return render(
        request,
        "safeguarding/concern_form.jinja",
        {**person_header_context(request, person), "form": form, "submission_key": key_for_form(request)},
    )


@requires(Capability.RECORD_RISK)
def concern_detail(request: HttpRequest, person_id: uuid.UUID, concern_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    concern = get_concern_for(request, person, concern_id)
    return render(
        request,
        "safeguarding/concern_detail.jinja",
        {
            **person_header_context(request, person),
            "concern": concern,
            "history": list(history_of(concern)[:50]),
            "attached": attached_documents(request.user, person, concern),
        },
    )


@requires(Capability.RECORD_RISK)
def concern_update(request: HttpRequest, person_id: uuid.UUID, concern_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    concern = get_concern_for(request, person, concern_id, audit=request.method == "GET")
    form = ConcernUpdateForm(posted(request), initial=_as_answers(concern))
    edit = edit_check(request, form, saved=_as_answers(concern))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: _as_answers(services.lock_concern_for_edit(concern)), discard_url=request.path
            ):
                services.update_safeguarding_concern(
                    by=acting_user(request),
                    concern=concern,
                    referred_to_local_authority=data["referred"] == "yes",
                    referral_date=data["referral_date"],
                    referral_reference=data["referral_reference"],
                    outcome=data["outcome"],
                    status=data["status"],
                    note=data["note"],
                )
        except ConcernError as error:
            show_refusal(request, error, form)
        except EditConflict as conflict:
            form, edit = ConcernUpdateForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, "Concern updated")
            return redirect("safeguarding:concern_detail", person_id=person.pk, concern_id=concern.pk)
    return render(
        request,
        "safeguarding/concern_update.jinja",
        {**person_header_context(request, person), "form": form, "concern": concern, "edit_check": edit},
    )


@requires(Capability.OVERSEE_SAFEGUARDING)
def open_concerns(request: HttpRequest) -> HttpResponse:
    page = Paginator(open_concerns_for(request.user), 25).get_page(request.GET.get("page"))
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[concern.person_id for concern in page.object_list],
        detail={"list": "open safeguarding concerns"},
    )
    return render(request, "safeguarding/open_concerns.jinja", {"page": page, "pagination": pagination_params(page)})


def _as_answers(concern: SafeguardingConcern) -> dict[str, object]:
    return {
        "referred": "yes" if concern.referred_to_local_authority else "no",
        "referral_date": concern.referral_date,
        "referral_reference": concern.referral_reference,
        "outcome": concern.outcome,
        "status": concern.status,
    }
