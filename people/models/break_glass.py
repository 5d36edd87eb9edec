"""Emergency ("break-glass") access: time-limited, with a reason, and reviewed by a manager."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class BreakGlassGrant(models.Model):
    class Reason(models.TextChoices):
        EMERGENCY = "emergency", "The person is at risk now"
        SAFEGUARDING = "safeguarding", "A safeguarding concern"
        COVERING = "covering", "Covering for a colleague who is away"
        PERSON_ASKED = "person_asked", "The person has asked me for help"
        OTHER = "other", "Another reason"

    class Outcome(models.TextChoices):
        APPROPRIATE = "appropriate", "Access was appropriate"
        INAPPROPRIATE = "inappropriate", "Access was not appropriate: follow up"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="break_glass_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason_code = models.CharField(max_length=20, choices=Reason.choices)
    reason = models.TextField()
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    review_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["user", "expires_at"], name="break_glass_user_expiry"),
            models.Index(fields=["reviewed_at"], name="break_glass_review"),
        ]

    def __str__(self) -> str:
        return f"Emergency access by {self.user_id} to {self.person_id}"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()
