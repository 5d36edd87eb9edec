"""Involvement activities: the meetings, events and panels where members shape the service."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ActivityType(models.TextChoices):
    STEERING_GROUP = "steering_group", "Steering group meeting"
    CONSULTATION = "consultation", "Consultation event"
    CO_DELIVERED_TRAINING = "co_delivered_training", "Co-delivered training"
    INTERVIEW_PANEL = "interview_panel", "Interview panel"
    SERVICE_DESIGN = "service_design", "Service design workshop"


class ActivityFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid (in person and online)"


class LadderStep(models.TextChoices):
    """Think Local Act Personal ladder of co-production (practice.md §8.1), bottom to top."""

    INFORMING = "informing", "Informing"
    CONSULTATION = "consultation", "Consultation"
    ENGAGEMENT = "engagement", "Engagement"
    CO_DESIGN = "co_design", "Co-design"
    CO_PRODUCTION = "co_production", "Co-production"


class InvolvementActivity(models.Model):
    """One activity. Not itself about a person: the members who took part are `Participant` rows."""

    activity_type = models.CharField("Type of activity", max_length=30, choices=ActivityType.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField("Date")
    purpose = models.TextField()
    format = models.CharField(max_length=20, choices=ActivityFormat.choices)
    languages = models.CharField("Languages used", max_length=200, default="English")
    ladder_step = models.CharField("Step on the ladder of co-production", max_length=20, choices=LadderStep.choices, blank=True)
    unnamed_members = models.PositiveIntegerField("Members who took part but are not named here", default=0)
    volunteers = models.PositiveIntegerField("Volunteers", default=0)
    staff = models.PositiveIntegerField("Staff", default=0)
    carers = models.PositiveIntegerField("Carers", default=0)
    partner_organisations = models.TextField("Partner organisations", blank=True)
    outcome = models.TextField("What came of it", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on"], name="involvement_activity_held_on")]
        verbose_name_plural = "involvement activities"

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %B %Y})"

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partner_organisations.splitlines() if line.strip()]


class Participant(models.Model):
    """A named member who took part in an activity (linked to their record, so reached through gates)."""

    activity = models.ForeignKey(InvolvementActivity, on_delete=models.CASCADE, related_name="participants")
    # A record destroyed under the retention schedule takes its participations with it.
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="involvement_participations")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="involvement_one_participation_each")]

    def __str__(self) -> str:
        return f"Participant {self.person_id} in {self.activity_id}"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CASH = "cash", "Cash"
    VOUCHER = "voucher", "Voucher"
    GIFT_CARD = "gift_card", "Gift card"


class InvolvementPayment(models.Model):
    """A payment or voucher for involvement, kept apart from volunteer expenses (practice.md §8.2)."""

    activity = models.ForeignKey(InvolvementActivity, on_delete=models.CASCADE, related_name="payments")
    # A named member, or a description for someone not on the system ("carer representative").
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="involvement_payments")
    paid_to = models.CharField("Paid to", max_length=200, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    paid_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="involvement_payment_positive")]

    def __str__(self) -> str:
        return f"£{self.amount} for activity {self.activity_id}"
