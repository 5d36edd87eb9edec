"""A risk assessment in the 1-to-1 record: a level and notes for each area, a plan to manage the
risk and a date to review it. Each assessment is kept; the newest is the current one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


# (field prefix, label): each area has `<prefix>_level` and `<prefix>_notes`.
RISK_AREAS: tuple[tuple[str, str], ...] = (
    ("to_self", "Risk to self"),
    ("from_others", "Risk from others"),
    ("to_others", "Risk to others"),
    ("self_neglect", "Self-neglect"),
)


class RiskAssessment(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="risk_assessments")
    to_self_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    to_self_notes = models.TextField(blank=True)
    from_others_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    from_others_notes = models.TextField(blank=True)
    to_others_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    to_others_notes = models.TextField(blank=True)
    self_neglect_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    self_neglect_notes = models.TextField(blank=True)
    management_plan = models.TextField()
    review_due = models.DateField()
    assessed_at = models.DateTimeField(default=timezone.now)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    alert = models.ForeignKey("people.Alert", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-assessed_at", "-id"]
        indexes = [
            models.Index(fields=["person", "assessed_at"], name="risk_person_assessed"),
            models.Index(fields=["review_due"], name="risk_review_due"),
        ]

    def __str__(self) -> str:
        return f"Risk assessment {self.pk} for person {self.person_id}"

    @property
    def high_areas(self) -> list[str]:
        return [label for prefix, label in RISK_AREAS if getattr(self, f"{prefix}_level") == RiskLevel.HIGH]

    @property
    def areas(self) -> list[tuple[str, str, str]]:
        """(label, level label, notes) for each area."""
        return [
            (label, RiskLevel(getattr(self, f"{prefix}_level")).label, getattr(self, f"{prefix}_notes")) for prefix, label in RISK_AREAS
        ]

    @property
    def is_review_overdue(self) -> bool:
        return self.review_due < timezone.localdate()
