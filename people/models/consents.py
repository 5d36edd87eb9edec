"""Consents are separate, revocable records: the current answer is the newest row of each kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Consent(models.Model):
    class Kind(models.TextChoices):
        SHARE_WITH_GP = "share_with_gp", "Share information with their GP"
        CONTACT_BY_TEXT = "contact_by_text", "Contact them by text message"
        CONTACT_BY_EMAIL = "contact_by_email", "Contact them by email"
        LEAVE_VOICEMAIL = "leave_voicemail", "Leave voicemail messages"
        EVALUATION = "evaluation", "Take part in evaluation of the service"
        REMINDERS = "reminders", "Send reminders the day before their sessions and appointments"
        PROJECT_MESSAGES = "project_messages", "Send news from the projects they belong to"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    given = models.BooleanField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "kind", "-recorded_at"], name="consent_latest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {'yes' if self.given else 'no'}"
