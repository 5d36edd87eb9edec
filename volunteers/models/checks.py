"""DBS checks, training, supervision and wellbeing."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


class DBSLevel(models.TextChoices):
    BASIC = "basic", "Basic"
    STANDARD = "standard", "Standard"
    ENHANCED = "enhanced", "Enhanced"


class DBSCheck(models.Model):
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="dbs_checks")
    level = models.CharField(max_length=10, choices=DBSLevel.choices)
    certificate_number = models.CharField(max_length=12)
    issued_on = models.DateField()
    update_service = models.BooleanField("Subscribed to the update service", default=False)
    renewal_due_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-renewal_due_on"]
        indexes = [models.Index(fields=["renewal_due_on"], name="dbs_renewal_due")]

    def __str__(self) -> str:
        return f"DBSCheck {self.pk}"

    def is_valid_on(self, day: date) -> bool:
        return self.issued_on <= day <= self.renewal_due_on


class TrainingModule(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Volunteer roles (VolunteerRole values) for which this module is required.
    required_for = models.JSONField(default=list, blank=True)
    valid_for_months = models.PositiveIntegerField(null=True, blank=True, help_text="Leave empty if it never expires")
    # A retired module is no longer offered or required; its completions stay as history.
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class TrainingCompletion(models.Model):
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="training")
    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"TrainingCompletion {self.pk}"


class Supervision(models.Model):
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="supervisions")
    held_on = models.DateField()
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actions = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Supervision {self.pk}"


class WellbeingCheckIn(models.Model):
    class Feeling(models.TextChoices):
        GOOD = "good", "Good"
        OKAY = "okay", "Okay"
        STRUGGLING = "struggling", "Struggling"

    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="wellbeing")
    feeling = models.CharField(max_length=12, choices=Feeling.choices)
    note = models.TextField(blank=True)
    wants_a_chat = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"WellbeingCheckIn {self.pk}"


class CheckKind(models.TextChoices):
    DBS = "dbs", "DBS check"
    TRAINING = "training", "Required training"


class CheckExpiry(models.Model):
    """Immutable history: a volunteer's DBS check or required training ran out. One row per
    check or completion, so recording again changes nothing."""

    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="check_expiries")
    kind = models.CharField(max_length=10, choices=CheckKind.choices)
    dbs_check = models.OneToOneField(DBSCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="expiry")
    completion = models.OneToOneField(TrainingCompletion, null=True, blank=True, on_delete=models.CASCADE, related_name="expiry")
    expired_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-expired_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="dbs", dbs_check__isnull=False, completion__isnull=True))
                | (models.Q(kind="training", completion__isnull=False, dbs_check__isnull=True)),
                name="check_expiry_names_one_check",
            )
        ]

    def __str__(self) -> str:
        return f"CheckExpiry {self.pk}"
