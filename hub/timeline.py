"""Signposting on the person's timeline (one query)."""

from __future__ import annotations

from django.urls import reverse

from core.jinja import uk_date
from hub.models import Signposting
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def _signposting_entries(person: Person, limit: int) -> list[TimelineEntry]:
    signpostings = (
        Signposting.objects.filter(person=person).select_related("resource", "signposted_by").order_by("-created_at", "-id")[:limit]
    )
    url = reverse("hub:person_signposting", kwargs={"person_id": person.pk})
    return [
        TimelineEntry(
            signposting.created_at,
            "signposting",
            f"Signposted to {signposting.resource.name}",
            f"By {signposting.signposted_by.display_name}. "
            + (
                f"Answer: {signposting.get_answer_display()}"
                if signposting.answer
                else f"Follow-up due {uk_date(signposting.follow_up_due)}"
            ),
            url,
        )
        for signposting in signpostings
    ]


SOURCES = (TimelineSource("signposting", "Signposting", _signposting_entries, newest=(Newest(Signposting, "person", ("created_at",)),)),)
