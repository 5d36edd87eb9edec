"""Rota slots on community sessions. Taking a slot also puts the volunteer on the session's
roster (community.SessionRoster), so they can take that session's register."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SlotRole(models.TextChoices):
    LEAD = "lead", "Lead"
    CO_FACILITATOR = "co_facilitator", "Co-facilitator"
    WELCOME = "welcome", "Welcome"


class RotaSlot(models.Model):
    session = models.ForeignKey("community.Session", on_delete=models.CASCADE, related_name="rota_slots")
    role = models.CharField(max_length=20, choices=SlotRole.choices)
    needs_dbs = models.BooleanField("Needs a DBS check", default=True)
    volunteer = models.ForeignKey("volunteers.Volunteer", null=True, blank=True, on_delete=models.PROTECT, related_name="slots")
    roster = models.OneToOneField("community.SessionRoster", null=True, blank=True, on_delete=models.SET_NULL, related_name="rota_slot")
    filled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session__starts_at", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "volunteer"], condition=models.Q(volunteer__isnull=False), name="one_slot_per_volunteer_session"
            )
        ]

    def __str__(self) -> str:
        return f"RotaSlot {self.pk}"
