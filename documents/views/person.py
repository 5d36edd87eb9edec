"""The documents on a person's record: every one, newest first, with what it is about and
whether it can be opened yet."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from audit.services import Action, record_event
from core.pagination import pagination_params
from documents.access import documents_for, may_remove
from people.access import get_person_for
from people.views.person import person_header_context

PER_PAGE = 20


@requires(Capability.KEEP_DOCUMENTS)
def person_documents(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=False)
    documents = documents_for(request.user, person).select_related("episode", "referral", "concern")
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=person, detail={"read": "documents"})
    return render(
        request,
        "documents/person.jinja",
        {
            **person_header_context(request, person),
            "page": page,
            "removable": {document.pk for document in page.object_list if may_remove(request.user, document)},
            "pagination": pagination_params(page),
        },
    )
