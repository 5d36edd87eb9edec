"""Alerts shown in a person's header: risks, safeguarding and communication needs staff must know."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AlertQuerySet(models.QuerySet["Alert"]):
    def active(self) -> AlertQuerySet:
        return self.filter(ended_at__isnull=True)


class Alert(models.Model):
    class Category(models.TextChoices):
        RISK = "risk", "Risk"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        COMMUNICATION = "communication", "Communication need"
        ACCESS = "access", "Access or mobility"
        OTHER = "other", "Other"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="alerts")
    category = models.CharField(max_length=20, choices=Category.choices)
    summary = models.CharField(max_length=300)
    raised_at = models.DateTimeField(default=timezone.now)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["person", "ended_at"], name="alert_person_open")]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.summary}"
