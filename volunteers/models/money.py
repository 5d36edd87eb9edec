"""Hours given and expenses claimed. Money is whole pence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class HoursEntry(models.Model):
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="hours")
    # From the rota: one entry per slot, so confirming twice changes nothing.
    slot = models.OneToOneField("volunteers.RotaSlot", null=True, blank=True, on_delete=models.PROTECT, related_name="hours")
    project = models.ForeignKey("community.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    worked_on = models.DateField()
    minutes = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-worked_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(minutes__gt=0), name="hours_positive")]
        # A month's, quarter's or year's hours (the volunteers' report, the service's reports).
        indexes = [models.Index(fields=["worked_on"], name="hours_worked_on")]

    def __str__(self) -> str:
        return f"HoursEntry {self.pk}"


class ExpenseKind(models.TextChoices):
    TRAVEL = "travel", "Travel by car (mileage)"
    FARES = "fares", "Bus or train fares"
    SUBSISTENCE = "subsistence", "Food and drink"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


class ExpenseClaim(models.Model):
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="expenses")
    kind = models.CharField(max_length=12, choices=ExpenseKind.choices)
    incurred_on = models.DateField()
    description = models.CharField(max_length=200)
    miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    amount_pence = models.PositiveIntegerField()
    receipt = models.FileField(upload_to="receipts/%Y/%m/", blank=True)
    receipt_content_type = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING)
    submission_token = models.UUIDField(unique=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [models.CheckConstraint(condition=models.Q(miles__isnull=True) | models.Q(miles__gte=0), name="miles_not_negative")]

    def __str__(self) -> str:
        return f"ExpenseClaim {self.pk}"

    @property
    def amount(self) -> str:
        return f"£{self.amount_pence // 100}.{self.amount_pence % 100:02d}"
