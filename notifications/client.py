"""GOV.UK Notify's official client, set up from settings: the real service, or the stand-in
(`notifications.standin`) served by this server (`make run`) or in-process (tests)."""

from __future__ import annotations

import uuid

from django.conf import settings
from notifications_python_client.notifications import NotificationsAPIClient

from notifications import standin
from notifications.models import MessageTemplate

STAND_IN_TEMPLATES = uuid.UUID("6d1b1c4e-57a2-4c55-9a87-2b0f3c1e5d10")


class NotifyNotSetUp(Exception):
    """No API key, or no Notify template id for this template and channel."""


def using_stand_in() -> bool:
    return bool(settings.STAR_NOTIFY_STAND_IN)


def stand_in_template_id(code: str, channel: str) -> str:
    return str(uuid.uuid5(STAND_IN_TEMPLATES, f"{code}:{channel}"))


def template_id(template: MessageTemplate, channel: str) -> str:
    """Notify's id for this template's words on this channel (settings.STAR_NOTIFY_TEMPLATE_IDS)."""
    configured = settings.STAR_NOTIFY_TEMPLATE_IDS.get(template.code, {}).get(channel, "")
    if configured:
        return str(configured)
    if using_stand_in():
        return stand_in_template_id(template.code, channel)
    raise NotifyNotSetUp(f"No GOV.UK Notify template id is set for {template.code} ({channel})")


def stand_in_lookup(notify_template_id: str) -> tuple[str, str, str] | None:
    """The stand-in's view of the templates: the service's own words, by the stand-in's ids."""
    for template in MessageTemplate.objects.all():
        for channel in template.channels():
            if template_id(template, channel) == notify_template_id:
                subject, body = template.body_for(channel)
                return channel, subject, body
    return None


def notify_client() -> NotificationsAPIClient:
    mode = settings.STAR_NOTIFY_STAND_IN
    if mode:
        client = NotificationsAPIClient(standin.API_KEY, base_url=settings.STAR_NOTIFY_BASE_URL, timeout=10)  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
        if mode == "in-process":
            client.request_session.mount(settings.STAR_NOTIFY_BASE_URL, standin.InProcessAdapter(stand_in_lookup))
        return client
    if not settings.STAR_NOTIFY_API_KEY:
        raise NotifyNotSetUp("GOV.UK Notify is not set up: there is no STAR_NOTIFY_API_KEY")
    return NotificationsAPIClient(settings.STAR_NOTIFY_API_KEY, base_url=settings.STAR_NOTIFY_BASE_URL, timeout=10)  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
