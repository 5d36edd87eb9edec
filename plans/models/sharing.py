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
    # Shares follow consent (issue 19 item 4): the person agreed to this version of the plan; a
    # later change is not sent until they agree again; they (or staff) can withdraw at any time.
    consented_version = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="Version agreed to"
    )
    consent_renewed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField("Consent withdrawn", null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-shared_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(consent_given=True), name="crisis_plan_shared_only_with_consent")]

    def __str__(self) -> str:
        return f"Crisis plan {self.plan_id} shared with {self.recipient_name}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def needs_fresh_consent(self) -> bool:
        """The plan changed after the person agreed (or nobody recorded which version they agreed to)."""
        return self.consented_version_id is None or self.consented_version_id != self.plan.current_version_id
