"""A measure completed (or being completed) with or by a person, and its immutable history."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.status import BrokenRule, History, StatusMachine


class MeasurementNotAllowed(BrokenRule):
    """A change the measurement's state does not allow, with a message that says why."""


class Measurement(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", "Sent to the person"
        DRAFT = "draft", "Started, not finished"
        COMPLETE = "complete", "Complete"

    # The legal status changes (`core.status.move`): saving a draft again keeps it a draft.
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={
            "": {Status.SENT, Status.DRAFT},
            Status.SENT: {Status.DRAFT, Status.COMPLETE},
            Status.DRAFT: {Status.DRAFT, Status.COMPLETE},
        },
        history=History(
            "outcomes.MeasurementEvent",
            record="measurement",
            to_field="status",
            from_field=None,
            by_field="by",
            note_field=None,
            at_field="occurred_at",
        ),
        refusal="This measure is {current} and cannot be changed",
        error=MeasurementNotAllowed,
    )

    class Mode(models.TextChoices):
        WITH_WORKER = "with_worker", "Completed with a worker"
        BY_MEMBER = "by_member", "Completed by the person in their own pages"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="measurements")
    instrument = models.ForeignKey("outcomes.Instrument", on_delete=models.PROTECT, related_name="measurements")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.WITH_WORKER)
    measured_on = models.DateField(default=timezone.localdate)
    # The 1-to-1 contact it was completed in, when done with a worker.
    contact = models.ForeignKey(
        "enablement.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="measurements", verbose_name="Contact"
    )
    # {link_id: value}; a draft may have only some items.
    answers = models.JSONField(default=dict, blank=True)
    # {link_id: "the goal in the person's words"} for goal-based instruments.
    goal_texts = models.JSONField(default=dict, blank=True)
    raw_score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    band = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-measured_on", "-id"]
        indexes = [
            models.Index(fields=["person", "instrument", "status", "measured_on"], name="measurement_person_series"),
            models.Index(fields=["instrument", "status", "measured_on"], name="measurement_cohort"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="complete") | models.Q(score__isnull=True),
                name="measurement_scored_only_when_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} for {self.person_id} on {self.measured_on}"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE

    @property
    def day(self) -> date:
        return self.measured_on


class MeasurementEvent(models.Model):
    """Each status change, with who and when. Rows are only ever added."""

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=10, choices=Measurement.Status.choices)
    occurred_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.measurement_id} → {self.status}"
