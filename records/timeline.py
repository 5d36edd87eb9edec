"""Data protection events on a person's timeline: requests for their records, corrections made."""

from __future__ import annotations

from django.urls import reverse

from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource
from records.models import Amendment, RectificationRequest, SubjectAccessRequest


def data_protection_entries(person: Person, limit: int) -> list[TimelineEntry]:
    entries = []
    for sar in SubjectAccessRequest.objects.filter(person=person).order_by("-created_at")[:limit]:
        entries.append(TimelineEntry(sar.created_at, "data_protection", "Subject access request logged", f"From {sar.requested_by}"))
        if sar.released_at:
            entries.append(TimelineEntry(sar.released_at, "data_protection", "Copy of their records released after review"))
    for rectification in RectificationRequest.objects.filter(person=person).order_by("-created_at")[:limit]:
        entries.append(
            TimelineEntry(rectification.created_at, "data_protection", "Rectification request logged", rectification.what_is_wrong)
        )
    history = reverse("records:person_amendments", kwargs={"person_id": person.pk})
    for amendment in Amendment.objects.filter(person=person).order_by("-at")[:limit]:
        entries.append(TimelineEntry(amendment.at, "data_protection", f"{amendment.field_label} amended", amendment.reason, url=history))
    return entries


SOURCES = (
    TimelineSource(
        "data_protection",
        "Data protection requests",
        data_protection_entries,
        newest=(
            Newest(SubjectAccessRequest, "person", ("created_at", "released_at")),
            Newest(RectificationRequest, "person", ("created_at",)),
            Newest(Amendment, "person", ("at",)),
        ),
    ),
)
