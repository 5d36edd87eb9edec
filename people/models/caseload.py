"""The caseload relationship: which STR worker supports which person. It is what opens a record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CaseloadEntry(models.Model):
    class Source(models.TextChoices):
        REGISTRATION = "registration", "Registered the person"
        ALLOCATION = "allocation", "Allocated by a manager"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="caseload_entries")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="caseload_entries")
    source = models.CharField(max_length=20, choices=Source.choices)
    started_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "worker"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_caseload_entry_per_worker",
            )
        ]
        indexes = [models.Index(fields=["worker", "ended_at"], name="caseload_worker_open")]

    def __str__(self) -> str:
        return f"Caseload entry: worker {self.worker_id}, person {self.person_id}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None
