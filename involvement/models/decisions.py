"""The decision log, and the plain-English "you said, we did" entries published from it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class DecidedBy(models.TextChoices):
    STEERING_GROUP = "steering_group", "Steering group"
    MANAGER = "manager", "Service manager"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def published(self) -> DecisionQuerySet:
        return self.filter(published_at__isnull=False)


class Decision(models.Model):
    title = models.CharField("What was decided, in a few words", max_length=200)
    decision = models.TextField("What was decided")
    reason = models.TextField("Why")
    decided_on = models.DateField("Date decided")
    decided_by = models.CharField("Who decided", max_length=20, choices=DecidedBy.choices)
    activities = models.ManyToManyField("involvement.InvolvementActivity", blank=True, related_name="decisions")
    feedback = models.ManyToManyField("involvement.Feedback", blank=True, related_name="decisions")
    # Public text: plain English, never personal data.
    you_said = models.TextField("You said", blank=True)
    we_did = models.TextField("We did", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
