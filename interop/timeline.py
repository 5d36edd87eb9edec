"""Crisis plans sent to someone, on the person's timeline (theirs too: they should know)."""

from __future__ import annotations

from people.models import Person
from people.timeline import TimelineEntry, register_source


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


def register() -> None:
    register_source("crisis_plan_sent", "Crisis plan sent", _crisis_plan_sent, shown_to_member=True)
