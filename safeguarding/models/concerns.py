"""A safeguarding concern (Care Act 2014): what happened, what was done, whether it went to the
local authority, and the outcome. Opening and closing are history rows with who and when."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.jinja import uk_date
from core.status import BrokenRule, History, StatusMachine


class ConcernError(BrokenRule, ValueError):
    """A change to a concern that is not allowed; the message says why."""


class ConcernCategory(models.TextChoices):
    """The types of abuse and neglect in the Care and Support Statutory Guidance (Care Act 2014)."""

    PHYSICAL = "physical", "Physical abuse"
    DOMESTIC = "domestic", "Domestic abuse"
    SEXUAL = "sexual", "Sexual abuse"
    PSYCHOLOGICAL = "psychological", "Psychological or emotional abuse"
    FINANCIAL = "financial", "Financial or material abuse"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
    ORGANISATIONAL = "organisational", "Organisational abuse"
    NEGLECT = "neglect", "Neglect and acts of omission"
    SELF_NEGLECT = "self_neglect", "Self-neglect"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class SafeguardingConcern(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="safeguarding_concerns")
    category = models.CharField(max_length=20, choices=ConcernCategory.choices)
    what_happened = models.TextField()
    action_taken = models.TextField()
    persons_wishes = models.TextField(blank=True)
    referred_to_local_authority = models.BooleanField(default=False)
    referral_date = models.DateField(null=True, blank=True)
    referral_reference = models.CharField(max_length=100, blank=True)
    outcome = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN)
    raised_at = models.DateTimeField(default=timezone.now)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    # Status now → statuses it may move to (`core.status.move`): a concern is raised open, and
    # closes or reopens with a history row.
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={"": {ConcernStatus.OPEN}, ConcernStatus.OPEN: {ConcernStatus.CLOSED}, ConcernStatus.CLOSED: {ConcernStatus.OPEN}},
        history=History("safeguarding.ConcernStatusChange", record="concern", to_field="status", from_field=None),
        refusal="A concern that is {current} cannot be changed to {wanted}",
        error=ConcernError,
    )

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["status", "raised_at"], name="concern_status_raised")]

    def __str__(self) -> str:
        return f"Safeguarding concern {self.pk} ({self.get_category_display()})"

    @property
    def referral_summary(self) -> str:
        if not self.referred_to_local_authority:
            return "No"
        summary = f"Yes, on {uk_date(self.referral_date)}" if self.referral_date else "Yes"
        return f"{summary}, reference {self.referral_reference}" if self.referral_reference else summary


class ConcernStatusChange(models.Model):
    concern = models.ForeignKey(SafeguardingConcern, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=10, choices=ConcernStatus.choices)
    note = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"Concern {self.concern_id} {self.status}"
