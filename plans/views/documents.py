"""Writing a plan document: start it, read its current version, save a new version."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from people.access import get_person_for
from people.views.person import person_header_context
from plans.access import existing_document_of_kind, get_plan_document_for, progress_of, shares_of
from plans.documents import kind_for
from plans.editing import plan_edit_check, save_checked
from plans.forms import initial_from_content, plan_form_class
from plans.models import PlanVersion
from plans.presenters import DocumentSummary, sections_of
from submissions.conflicts import EditConflict
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.WRITE_PLANS)
def document_start(request: HttpRequest, person_id: uuid.UUID, kind: str) -> HttpResponse:
    definition = kind_for(kind)
    if definition is None:
        raise Http404
    person = get_person_for(request, person_id, audit=request.method == "GET")
    existing = None if definition.many else existing_document_of_kind(request.user, person, definition.kind)
    if existing is not None and request.method != "POST":
        return redirect("plans:edit", person_id=person.pk, document_id=existing.pk)
    # A POST is checked against the (empty) version the form was opened with, even when someone
    # else started the document since: their words are shown beside these, and neither is lost.
    form = plan_form_class(definition)(posted(request))
    edit = plan_edit_check(request, form, definition=definition, content={})
    if request.method == "POST" and form.is_valid():
        try:
            saved = once(
                request,
                model=PlanVersion,
                create=lambda: save_checked(
                    request,
                    by=acting_user(request),
                    person=person,
                    definition=definition,
                    form=form,
                    discard_url=reverse("plans:overview", kwargs={"person_id": person.pk}),
                ),
            )
        except EditConflict as conflict:
            form, edit = plan_form_class(definition)(initial=conflict.merged), conflict.check
        else:
            messages.success(request, f"{definition.title} saved" if saved.created else ALREADY_SAVED)
            return redirect("plans:detail", person_id=person.pk, document_id=saved.obj.document_id)
    return render(
        request,
        "plans/form.jinja",
        {
            **person_header_context(request, person),
            "form": form,
            "definition": definition,
            "title": f"Write a {definition.name}",
            "submission_key": key_for_form(request),
            "edit_check": edit,
        },
    )


@requires(Capability.WRITE_PLANS)
def document_edit(request: HttpRequest, person_id: uuid.UUID, document_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    document = get_plan_document_for(request, person, document_id, audit=request.method == "GET")
    definition = document.definition
    content = document.current_version.content if document.current_version else {}
    form = plan_form_class(definition)(posted(request), initial=initial_from_content(definition, content))
    edit = plan_edit_check(request, form, definition=definition, content=content)
    if request.method == "POST" and form.is_valid():
        before = document.current_version_id
        try:
            version = save_checked(
                request,
                by=acting_user(request),
                person=person,
                definition=definition,
                form=form,
                document=document,
                discard_url=reverse("plans:detail", kwargs={"person_id": person.pk, "document_id": document.pk}),
            )
        except EditConflict as conflict:
            form, edit = plan_form_class(definition)(initial=conflict.merged), conflict.check
        else:
            if version.pk == before:
                messages.info(request, "Nothing had changed, so no new version was saved")
            else:
                messages.success(request, f"{definition.title} saved as version {version.number}")
            return redirect("plans:detail", person_id=person.pk, document_id=document.pk)
    return render(
        request,
        "plans/form.jinja",
        {
            **person_header_context(request, person),
            "form": form,
            "definition": definition,
            "document": document,
            "title": f"Change {document.heading}" if definition.many else f"Change the {definition.name}",
            "edit_check": edit,
        },
    )


@requires(Capability.WRITE_PLANS)
def document_detail(request: HttpRequest, person_id: uuid.UUID, document_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    document = get_plan_document_for(request, person, document_id)
    definition = document.definition
    return render(
        request,
        "plans/detail.jinja",
        {
            **person_header_context(request, person),
            "document": document,
            "definition": definition,
            "summary": DocumentSummary(document),
            "sections": sections_of(definition, document.current_version),
            "progress": list(progress_of(document)[:50]) if "progress" in definition.extra else [],
            "shares": list(shares_of(document)[:50]) if "sharing" in definition.extra else [],
        },
    )
