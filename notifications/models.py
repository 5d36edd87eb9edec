"""Messages the service sends (text, email, letter) and the templates they are made from.

Every message is a `Message` row, whether it was sent or not (then it says why not), with its
status history as rows: created → sending → delivered or a failure, as GOV.UK Notify reports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.append_only import AppendOnlyModel


class Channel(models.TextChoices):
    SMS = "sms", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class Status(models.TextChoices):
    NOT_SENT = "not-sent", "Not sent"
    CREATED = "created", "Created"
    SENDING = "sending", "Sending"
    DELIVERED = "delivered", "Delivered"
    PERMANENT_FAILURE = "permanent-failure", "Not delivered: the address or number is wrong"
    TEMPORARY_FAILURE = "temporary-failure", "Not delivered: the phone or inbox was unavailable"
    TECHNICAL_FAILURE = "technical-failure", "Not delivered: a technical problem"


FINAL_STATUSES = frozenset(
    {Status.NOT_SENT, Status.DELIVERED, Status.PERMANENT_FAILURE, Status.TEMPORARY_FAILURE, Status.TECHNICAL_FAILURE}
)


class MessageTemplate(models.Model):
    """A message's words, held by the service, with ((placeholders)) as GOV.UK Notify writes them.
    The same template is set up in Notify; its ids there come from settings.STAR_NOTIFY_TEMPLATE_IDS."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    purpose = models.CharField(max_length=300)
    sms_body = models.TextField("Text message", blank=True)
    email_subject = models.CharField(max_length=200, blank=True)
    email_body = models.TextField("Email", blank=True)
    letter_subject = models.CharField(max_length=200, blank=True)
    letter_body = models.TextField("Letter", blank=True)
    # A consent the person must have given (people.Consent.Kind), beyond consent to the channel.
    requires_consent = models.CharField(max_length=30, blank=True)
    # Placeholders holding secrets (a sign-in link): sent, but never kept in the message's record.
    secret_placeholders = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def body_for(self, channel: str) -> tuple[str, str]:
        """(subject, body) for a channel; an empty body means the template has none for it."""
        if channel == Channel.SMS:
            return "", self.sms_body
        if channel == Channel.EMAIL:
            return self.email_subject, self.email_body
        return self.letter_subject, self.letter_body

    def channels(self) -> list[str]:
        return [channel for channel in Channel.values if self.body_for(channel)[1]]


class Message(models.Model):
    """One message to one recipient. `to` is the number, address or postcode it went to."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages_received")
    to = models.CharField(max_length=320, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    template = models.ForeignKey(MessageTemplate, on_delete=models.PROTECT, related_name="messages")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    reason = models.CharField(max_length=200)
    # The caller's own key (say "session-reminder:<session>:<person>"): a message with the same
    # reference is sent once, however often the job runs.
    reference = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CREATED)
    not_sent_because = models.CharField(max_length=300, blank=True)
    notify_id = models.CharField(max_length=64, blank=True, db_index=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    broadcast = models.ForeignKey("notifications.Broadcast", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages")
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["person", "-created_at"], name="message_person_newest")]
        constraints = [models.UniqueConstraint(fields=["reference"], condition=~Q(reference=""), name="message_reference_once")]

    def __str__(self) -> str:
        return f"{self.get_channel_display() or 'Message'}: {self.template_id} ({self.status})"


class MessageStatusChange(AppendOnlyModel):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.at:%Y-%m-%d %H:%M}"


class Broadcast(models.Model):
    """A message a project lead or manager wrote to a group (a project's members or volunteers):
    one `Message` per person in it."""

    audience = models.CharField(max_length=120)
    audience_label = models.CharField(max_length=200)
    text = models.TextField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent = models.PositiveIntegerField(default=0)
    not_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Message to {self.audience_label}"
