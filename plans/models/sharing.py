"""Who a person's crisis plan has been shared with: one row per recipient, each with consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CrisisPlanShare(models.Model):
    plan = models.ForeignKey("plans.PlanDocument", on_delete=models.CASCADE, related_name="shares")
    recipient_name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    what_was_shared = models.TextField()
    shared_on = models.DateField()
    consent_given = models.BooleanField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-shared_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(consent_given=True), name="crisis_plan_shared_only_with_consent")]

    def __str__(self) -> str:
        return f"Crisis plan {self.plan_id} shared with {self.recipient_name}"
