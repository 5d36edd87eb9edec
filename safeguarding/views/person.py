"""A person's risk assessments and safeguarding concerns."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from people.access import get_person_for
from people.views.person import person_header_context
from safeguarding.access import concerns_for, risk_assessments_for


@requires(Capability.RECORD_RISK)
def person_safeguarding(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id)
    assessments = list(risk_assessments_for(request.user, person)[:20])
    return render(
        request,
        "safeguarding/person.jinja",
        {
            **person_header_context(request, person),
            "current": assessments[0] if assessments else None,
            "assessments": assessments,
            "concerns": list(concerns_for(request.user, person)[:20]),
        },
    )
