"""Old contacts' notes, brought in from another system, in the note search (casesearch)."""

from __future__ import annotations

from django.urls import reverse

from accounts.roles import Capability
from casesearch.sources import SearchSource, rows_of_fields
from interop.legacy.models import HistoricalContact

HISTORICAL_CONTACTS = SearchSource(
    kind="historical_contact",
    label="Contact in the old system",
    model=HistoricalContact,
    capability=Capability.RECORD_ENABLEMENT_WORK,
    rows=rows_of_fields("notes", day="contact_date", record=None),
    url=lambda person_id, record_id: reverse("people:detail", args=[person_id]),
)
