"""Every message to a person on their timeline: what, which way, and whether it arrived (or why
it was not sent). One query, at most `limit` entries."""

from __future__ import annotations

from notifications.models import Message, Status
from people.models import Person
from people.timeline import Newest, TimelineEntry, TimelineSource


def message_entries(person: Person, limit: int) -> list[TimelineEntry]:
    entries = []
    for message in Message.objects.filter(person=person).select_related("template").order_by("-created_at")[:limit]:
        how = message.get_channel_display().lower() if message.channel else "message"
        if message.status == Status.NOT_SENT:
            title, detail = f"{message.template.name}: not sent", message.not_sent_because
        else:
            title, detail = f"{message.template.name} sent by {how}", f"{message.get_status_display()}. {message.reason}"
        entries.append(TimelineEntry(message.created_at, "messages", title, detail))
    return entries


SOURCES = (TimelineSource("messages", "Messages sent", message_entries, newest=(Newest(Message, "person", ("created_at",)),)),)
