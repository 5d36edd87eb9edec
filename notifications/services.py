"""The one place STaR sends anything: texts, emails and letters, through GOV.UK Notify's official
client (`notifications-python-client`), or email through Django's `send_mail` where Notify is not
used for email (settings.STAR_EMAIL_THROUGH). Every message is recorded, sent or not, with why."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from notifications_python_client.errors import APIError

from accounts.models import User
from audit.models import AuditEvent
from audit.services import record_event
from notifications import catalogue
from notifications.channels import NoRoute, Route, choose_for_person, choose_for_user
from notifications.client import NotifyNotSetUp, notify_client, template_id
from notifications.models import FINAL_STATUSES, Broadcast, Channel, Message, MessageStatusChange, MessageTemplate, Status
from notifications.placeholders import fill, placeholders_in
from people.models import Person

logger = logging.getLogger(__name__)
Action = AuditEvent.Action
WITHHELD = "[withheld: sent, never kept]"


def template_for(code: str) -> MessageTemplate:
    """The template with this code; a shipped one missing from the database is loaded first."""
    found = MessageTemplate.objects.filter(code=code).first()
    if found is None:
        found, _ = MessageTemplate.objects.get_or_create(code=code, defaults=catalogue.shipped(code))
    return found


def _move(message: Message, status: str, detail: str = "", at: datetime | None = None) -> None:
    at = at or timezone.now()
    message.status, message.status_changed_at = status, at
    message.save(update_fields=["status", "status_changed_at", "not_sent_because", "notify_id"])
    MessageStatusChange.objects.create(message=message, status=status, at=at, detail=detail[:300])


def send(
    *,
    by: User | None,
    to_person: Person | None = None,
    to_user: User | None = None,
    to_email: str = "",
    template: str | MessageTemplate,
    personalisation: Mapping[str, Any],
    reason: str,
    channel: str | None = None,
    reference: str | None = None,
    broadcast: Broadcast | None = None,
    about: Person | None = None,
) -> Message:
    """Send one message from a template, to a person (by their preferred channel, if they agreed
    to it), to a user's account email, or to an email address (a referrer).

    `personalisation` fills the template's ((placeholders)); ((service)) and ((phone)) and, for a
    person, ((name)) are filled in if not given. `reference`, when given, is unique: the same
    reference again returns the first message and sends nothing (safe for jobs run twice).
    `about` is the person an email to someone else concerns (a warm referral to an organisation):
    the message is kept with them, so it is on their timeline and in their copy of their record.
    Returns the `Message`, whose status says whether it went and, if not, why not."""
    if sum(bool(to) for to in (to_person, to_user, to_email)) != 1:
        raise ValueError("Send to exactly one of to_person, to_user or to_email")
    chosen = template_for(template) if isinstance(template, str) else template
    if reference and (earlier := Message.objects.filter(reference=reference).first()) is not None:
        return earlier
    person = to_person or about
    if to_user is not None and person is None:
        person = Person.objects.filter(user=to_user).first()
    route: Route | NoRoute
    if to_person is not None:
        route = choose_for_person(to_person, chosen, channel)
    elif to_user is not None:
        route = choose_for_user(to_user)
    else:
        route = Route(Channel.EMAIL, to_email.strip())
    values: dict[str, Any] = {"service": settings.STAR_SERVICE_NAME, "phone": settings.STAR_SERVICE_PHONE}
    if person is not None:
        values["name"] = person.preferred_name or person.given_name
    values.update(personalisation)
    if isinstance(route, Route):
        values.update(route.address)
    subject, body = chosen.body_for(route.channel) if route.channel else ("", "")
    kept = {**values, **dict.fromkeys(chosen.secret_placeholders, WITHHELD)}
    message = Message(
        person=person,
        user=to_user,
        to=route.to if isinstance(route, Route) else "",
        channel=route.channel,
        template=chosen,
        subject=fill(subject, kept)[:200],
        body=fill(body, kept),
        reason=reason[:200],
        reference=reference or "",
        sent_by=by,
        broadcast=broadcast,
        status=Status.CREATED if isinstance(route, Route) else Status.NOT_SENT,
        not_sent_because="" if isinstance(route, Route) else route.because[:300],
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # the same reference, saved a moment ago by another run
        return Message.objects.get(reference=reference)
    MessageStatusChange.objects.create(message=message, status=message.status, at=message.created_at, detail=message.not_sent_because)
    if isinstance(route, Route):
        _dispatch(message, route, chosen, values, subject, body)
    record_event(
        user=by,
        action=Action.CREATE,
        person_id=person.pk if person else None,
        obj=message,
        detail={"message": chosen.code, "channel": message.channel, "status": message.status},
    )
    return message


def _dispatch(message: Message, route: Route, template: MessageTemplate, values: dict[str, Any], subject: str, body: str) -> None:
    """Hand the message over: to Notify, or for email to Django's mail backend if so set."""
    if route.channel == Channel.EMAIL and settings.STAR_EMAIL_THROUGH == "django":
        send_mail(fill(subject, values), fill(body, values), None, [route.to])
        _move(message, Status.SENDING, "Handed to the email server")
        return
    needed = _placeholders(subject, body)
    sent_values = {name: values[name] for name in needed}
    try:
        client = notify_client()
        notify_template = template_id(template, route.channel)
        if route.channel == Channel.SMS:
            answer = client.send_sms_notification(route.to, notify_template, sent_values, reference=str(message.pk))  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
        elif route.channel == Channel.EMAIL:
            answer = client.send_email_notification(route.to, notify_template, sent_values, reference=str(message.pk))  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
        else:
            answer = client.send_letter_notification(notify_template, {**sent_values, **route.address}, reference=str(message.pk))  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
    except NotifyNotSetUp as problem:
        message.not_sent_because = str(problem)[:300]
        _move(message, Status.NOT_SENT, str(problem))
        return
    except APIError as problem:
        logger.warning("GOV.UK Notify refused message %s: %s %s", message.pk, problem.status_code, problem.message)
        _move(message, Status.TECHNICAL_FAILURE, f"GOV.UK Notify said {problem.status_code}: {problem.message}")
        return
    message.notify_id = str(answer.get("id", ""))
    _move(message, Status.SENDING, "Accepted by GOV.UK Notify")


def _placeholders(*texts: str) -> list[str]:
    return [name for name in placeholders_in(*texts) if not name.startswith("address_line_")]


# Delivery receipts -------------------------------------------------------------------------

# Notify's statuses in its callbacks, as ours (letters report "received" when posted).
RECEIPT_STATUSES = {
    "delivered": Status.DELIVERED,
    "received": Status.DELIVERED,
    "permanent-failure": Status.PERMANENT_FAILURE,
    "temporary-failure": Status.TEMPORARY_FAILURE,
    "technical-failure": Status.TECHNICAL_FAILURE,
    "validation-failed": Status.PERMANENT_FAILURE,
    "virus-scan-failed": Status.TECHNICAL_FAILURE,
    "cancelled": Status.PERMANENT_FAILURE,
}


class UnknownReceipt(Exception):
    pass


@transaction.atomic
def record_delivery_receipt(*, notify_id: str, reference: str, status: str, at: datetime | None = None) -> Message:
    """Notify's callback: the message's final status. A repeat of the same receipt changes nothing."""
    ours = RECEIPT_STATUSES.get(status)
    if ours is None:
        raise UnknownReceipt(f"Unknown status {status!r}")
    message = Message.objects.select_for_update().filter(notify_id=notify_id).exclude(notify_id="").first()
    if message is None and reference:
        message = Message.objects.select_for_update().filter(pk__in=[reference] if _is_uuid(reference) else []).first()
    if message is None:
        raise UnknownReceipt("No message with that id")
    if message.status == ours or (message.status in FINAL_STATUSES and message.status != Status.TEMPORARY_FAILURE):
        return message
    when = f" (at {at:%Y-%m-%d %H:%M:%S} UTC)" if at else ""
    _move(message, ours, f"GOV.UK Notify reported {status}{when}")
    record_event(user=None, action=Action.UPDATE, person_id=message.person_id, obj=message, detail={"delivery": ours})
    return message


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# Messages to a group -----------------------------------------------------------------------


@transaction.atomic
def send_to_group(*, by: User, audience: str, audience_label: str, people: Iterable[Person], text: str, project: str) -> Broadcast:
    """A project lead's or manager's message to a group: each person who asked for the project's
    news gets it by their own channel; the rest are recorded as not sent, with why."""
    broadcast = Broadcast.objects.create(audience=audience, audience_label=audience_label[:200], text=text, sent_by=by)
    sent = not_sent = 0
    for person in people:
        message = send(
            by=by,
            to_person=person,
            template="project_message",
            personalisation={"project": project, "message": text},
            reason=f"Message to {audience_label}"[:200],
            reference=f"broadcast:{broadcast.pk}:{person.pk}",
            broadcast=broadcast,
        )
        if message.status == Status.NOT_SENT:
            not_sent += 1
        else:
            sent += 1
    broadcast.sent, broadcast.not_sent = sent, not_sent
    broadcast.save(update_fields=["sent", "not_sent"])
    return broadcast
