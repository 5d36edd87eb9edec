"""Crisis plans sent to someone, on the person's timeline (theirs too: they should know); contacts
brought in from the old system that no STaR episode covers, on the staff timeline."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def _crisis_plan_sent(person: Person, limit: int) -> list[TimelineEntry]:
    from interop.models import CrisisPlanSent

    rows = CrisisPlanSent.objects.filter(person=person).select_related("share").order_by("-sent_at", "-id")[:limit]
    return [
        TimelineEntry(
            row.sent_at,
            "crisis_plan_sent",
            f"Crisis plan sent to {row.share.recipient_name}" + (f", {row.share.organisation}" if row.share.organisation else ""),
            f"As a {row.get_format_display()}. You agreed to this on {row.share.shared_on.strftime('%-d %B %Y')}.",
        )
        for row in rows
    ]


def _historical_contacts(person: Person, limit: int) -> list[TimelineEntry]:
    from enablement.models import Contact
    from interop.models import HistoricalContact

    zone = ZoneInfo(settings.TIME_ZONE)
    modes, outcomes = dict(Contact.Mode.choices), dict(Contact.Outcome.choices)
    rows = HistoricalContact.objects.filter(person=person).order_by("-contact_date", "-start_time", "-id")[:limit]
    return [
        TimelineEntry(
            datetime.combine(row.contact_date, row.start_time, tzinfo=zone),
            "historical_contact",
            f"Contact recorded in {row.source_system}: {modes.get(row.mode, row.mode).lower()}, {row.minutes} minutes",
            " ".join(
                part
                for part in (outcomes.get(row.outcome, row.outcome) + ".", f"With {row.worker_name}." if row.worker_name else "", row.notes)
                if part
            ),
        )
        for row in rows
    ]


SOURCES = (
    TimelineSource(
        "crisis_plan_sent",
        "Crisis plan sent",
        _crisis_plan_sent,
        shown_to_member=True,
        newest=(Newest("interop.CrisisPlanSent", "person", ("sent_at",)),),
    ),
    TimelineSource(
        "historical_contact",
        "Contact in the old system",
        _historical_contacts,
        newest=(Newest("interop.HistoricalContact", "person", ("contact_date",)),),
    ),
)
