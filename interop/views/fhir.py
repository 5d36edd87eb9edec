"""Download a person's record as a FHIR R4 (UK Core) Bundle."""

from __future__ import annotations

import json
import uuid

from django.http import HttpRequest, HttpResponse

from accounts.access import acting_user, requires
from accounts.roles import Capability
from interop import access
from interop.fhir.export import person_bundle


@requires(Capability.DOWNLOAD_FHIR_RECORD)
def person_record(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = access.get_person_for_export(request, person_id)
    bundle = person_bundle(person, by=acting_user(request))
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="star-record-{person.pk}.fhir.json"'
    return response
