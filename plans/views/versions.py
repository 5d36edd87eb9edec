"""A document's history: every version, what changed between two, and a printable copy."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from core.pagination import pagination_params
from people.access import get_person_for
from people.views.person import person_header_context
from plans.access import get_plan_document_for, progress_of, versions_of
from plans.presenters import VersionRow, compare, role_label, sections_of


@requires(Capability.WRITE_PLANS)
def version_list(request: HttpRequest, person_id: uuid.UUID, document_id: int) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    document = get_plan_document_for(request, person, document_id)
    page = Paginator(versions_of(document), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/versions.jinja",
        {
            **person_header_context(request, person),
            "document": document,
            "rows": [VersionRow(version, document.definition) for version in page.object_list],
            "pagination": pagination_params(page),
        },
    )


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@requires(Capability.WRITE_PLANS)
def version_compare(request: HttpRequest, person_id: uuid.UUID, document_id: int) -> HttpResponse:
    """Compare two versions (`?older=1&newer=3`); by default the newest against the one before."""
    person = get_person_for(request, person_id, audit=False)
    document = get_plan_document_for(request, person, document_id)
    versions = versions_of(document)
    newer_number = _number(request.GET.get("newer"))
    newer = versions.filter(number=newer_number).first() if newer_number else versions.first()
    older_number = _number(request.GET.get("older"))
    if newer is not None and older_number is None:
        older_number = newer.number - 1
    older = versions.filter(number=older_number).first() if older_number else None
    numbers = list(versions.values_list("number", flat=True)[:200])
    return render(
        request,
        "plans/compare.jinja",
        {
            **person_header_context(request, person),
            "document": document,
            "newer": newer,
            "older": older,
            "newer_row": VersionRow(newer, document.definition) if newer else None,
            "older_row": VersionRow(older, document.definition) if older else None,
            "sections": compare(document.definition, older, newer) if newer else [],
            "numbers": numbers,
        },
    )


@requires(Capability.WRITE_PLANS)
def document_print(request: HttpRequest, person_id: uuid.UUID, document_id: int) -> HttpResponse:
    """A clean page for the person to keep: no navigation, print styles, no JavaScript."""
    person = get_person_for(request, person_id, audit=False)
    document = get_plan_document_for(request, person, document_id)
    version = document.current_version
    return render(
        request,
        "plans/print.jinja",
        {
            "person": person,
            "document": document,
            "version": version,
            "author": f"{version.saved_by.display_name} ({role_label(version.author_role)})" if version else "",
            "sections": sections_of(document.definition, version),
            "progress": list(progress_of(document)[:50]) if "progress" in document.definition.extra else [],
        },
    )
