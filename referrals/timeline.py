"""The person's timeline: their referrals and each status change. One query, at most `limit`."""

from __future__ import annotations

from django.urls import reverse

from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource
from referrals.models import ReferralStatusChange


def referral_entries(person: Person, limit: int) -> list[TimelineEntry]:
    changes = ReferralStatusChange.objects.filter(referral__person=person).select_related("referral").order_by("-changed_at", "-id")[:limit]
    return [
        TimelineEntry(
            change.changed_at,
            "referrals",
            f"Referral {change.referral.reference}: {change.get_to_status_display().lower()}"
            if change.from_status
            else f"Referral {change.referral.reference} received ({change.referral.get_source_display().lower()})",
            change.note,
            url=reverse("referrals:detail", kwargs={"referral_id": change.referral_id}),
        )
        for change in changes
    ]


SOURCES = (
    TimelineSource("referrals", "Referrals", referral_entries, newest=(Newest(ReferralStatusChange, "referral__person", ("changed_at",)),)),
)
