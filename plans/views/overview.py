"""A person's plans: every document, its latest version, and the goals with their progress."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from people.access import get_person_for
from people.views.person import person_header_context
from plans.access import plan_documents_for, with_latest_progress
from plans.documents import KINDS, Kind
from plans.presenters import DocumentSummary


@requires(Capability.WRITE_PLANS)
def plans_overview(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    documents = list(with_latest_progress(plan_documents_for(request.user, person))[:200])
    by_kind = {document.kind: document for document in documents if document.kind != Kind.GOAL.value}
    single_kinds = [
        {"definition": definition, "summary": DocumentSummary(by_kind[kind.value]) if kind.value in by_kind else None}
        for kind, definition in KINDS.items()
        if not definition.many
    ]
    goals = [DocumentSummary(document) for document in documents if document.kind == Kind.GOAL.value]
    return render(
        request,
        "plans/overview.jinja",
        {**person_header_context(request, person), "single_kinds": single_kinds, "goals": goals, "goal_kind": KINDS[Kind.GOAL]},
    )
