"""For a worker: does someone on their caseload come to a project?"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from community.access import community_attendance_for


@requires(Capability.FIND_PEOPLE)
def person_projects(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person, projects = community_attendance_for(request, person_id)
    return render(request, "community/people/projects.jinja", {"person": person, "projects": projects})
