"""Rectification (UK GDPR Art 16): a request to correct what we hold, and each correction kept
as an amendment beside the original value, never a silent overwrite."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.append_only import AppendOnlyModel, AppendOnlyQuerySet


class RectificationRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CORRECTED = "corrected", "Corrected"
        REFUSED = "refused", "Refused, with reasons given"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="rectification_requests")
    requested_by = models.CharField(
        "Who made the request", max_length=200, help_text="The person themselves, or their representative's name and role"
    )
    received_on = models.DateField()
    what_is_wrong = models.TextField("What they say is wrong")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True)
    # Art 16 and the Records Management Code: when we do not agree, their view is kept on record.
    statement_of_disagreement = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    third_party_fields = ("requested_by",)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Rectification request {self.pk} received {self.received_on}"


class Amendment(AppendOnlyModel):
    """One corrected fact: the value before and after, who changed it, when, why, and the request."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="amendments")
    request = models.ForeignKey(RectificationRequest, on_delete=models.PROTECT, related_name="amendments")
    field = models.CharField(max_length=100)  # the Person field's name
    field_label = models.CharField(max_length=100)
    original_value = models.TextField(blank=True)
    amended_value = models.TextField(blank=True)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "field"], name="records_amendment_person")]

    def __str__(self) -> str:
        return f"{self.field_label} amended {self.at:%Y-%m-%d}"
