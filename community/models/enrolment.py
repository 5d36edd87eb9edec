"""Enrolment on courses: a place or the waiting list, then completion. Each change is a history row."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.status import BrokenRule, History, StatusMachine


class CommunityError(BrokenRule):
    """A change to a project, session or enrolment that is not allowed; the message says why in plain English."""


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "Has a place"
    WAITING = "waiting", "On the waiting list"
    COMPLETED = "completed", "Completed the course"
    WITHDRAWN = "withdrawn", "Left the course"


class Enrolment(models.Model):
    activity = models.ForeignKey("community.Activity", on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="course_enrolments")
    status = models.CharField(max_length=10, choices=EnrolmentStatus.choices)
    requested_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    # The changes a service may make (`core.status.move`): anything else is refused with a clear error.
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={
            "": {EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING},
            EnrolmentStatus.WAITING: {EnrolmentStatus.ENROLLED, EnrolmentStatus.WITHDRAWN},
            EnrolmentStatus.ENROLLED: {EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN},
        },
        history=History("community.EnrolmentChange", record="enrolment", note_field=None),
        refusal="Someone whose status is “{current}” cannot be changed to “{wanted}”",
        error=CommunityError,
        changed_at="status_changed_at",
    )

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="one_enrolment_per_person_course")]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.activity_id}: {self.status}"


class EnrolmentChange(models.Model):
    """Immutable history: who changed an enrolment, when, from what to what."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=10, choices=EnrolmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=EnrolmentStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"
