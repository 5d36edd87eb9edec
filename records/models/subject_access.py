"""The subject access request register (UK GDPR Art. 15, with the Data (Use and Access) Act 2025
"stop the clock" rule)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.append_only import AppendOnlyModel
from core.status import BrokenRule, History, StatusMachine


class IllegalChange(BrokenRule):
    """The request cannot move to that status from where it is, or a step is missing first."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class SubjectAccessRequest(models.Model):
    class ReceivedHow(models.TextChoices):
        LETTER = "letter", "Letter"
        EMAIL = "email", "Email"
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone call"
        REPRESENTATIVE = "representative", "From a representative (solicitor, advocate, carer)"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        CLOCK_STOPPED = "clock_stopped", "Clock stopped (clarifying or checking identity)"
        IN_PROGRESS = "in_progress", "Being prepared"
        COMPLETED = "completed", "Response sent"

    # The legal moves (`core.status.move`); each writes a row in the request's history.
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={
            "": {Status.RECEIVED},
            Status.RECEIVED: {Status.CLOCK_STOPPED, Status.IN_PROGRESS, Status.COMPLETED},
            Status.CLOCK_STOPPED: {Status.IN_PROGRESS},
            Status.IN_PROGRESS: {Status.CLOCK_STOPPED, Status.COMPLETED},
        },
        history=History("records.SubjectAccessEvent", record="request", to_field="status", from_field=None, by_field="by", at_field="at"),
        refusal="A request that is {current} cannot become {wanted}.",
        error=IllegalChange,
    )

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="subject_access_requests")
    requested_by = models.CharField(
        "Who made the request", max_length=200, help_text="The person themselves, or their representative's name and role"
    )
    received_on = models.DateField()
    identity_checked_on = models.DateField(null=True, blank=True)
    # No single person can read a record through this register (issue 19 item 3): the request is
    # logged with how it arrived and how the person's identity was checked, by whom, and a second
    # person (a service manager, not whoever logged it) approves it before the record is opened.
    received_how = models.CharField("How the request arrived", max_length=20, choices=ReceivedHow.choices, blank=True, db_default="")
    identity_checked_how = models.CharField("How their identity was checked", max_length=300, blank=True, db_default="")
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="Identity checked by"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    # Art 12(3): up to two further months for a complex request or one of many, if the person is
    # told (with the reason) within the first month.
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    extension_told_on = models.DateField("Date the person was told about the extension", null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    # The copy that was released after the third-party review: what the person was sent.
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    released_export = models.JSONField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    third_party_fields = ("requested_by",)

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"Subject access request {self.pk} received {self.received_on}"

    def days_clock_stopped(self, today: date | None = None) -> int:
        today = today or timezone.localdate()
        total = 0
        for stop in self.clock_stops.all():
            total += ((stop.ended_on or today) - stop.started_on).days
        return total

    @property
    def extended(self) -> bool:
        return self.extension_months > 0

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.COMPLETED

    def first_due_on(self, today: date | None = None) -> date:
        """The due date without any extension: when an extension must have been told by."""
        return add_months(self.received_on, 1) + timedelta(days=self.days_clock_stopped(today))

    def due_on(self, today: date | None = None) -> date:
        """One calendar month from receipt (the corresponding date of the next month, or its last
        day when it has none), plus any extension months, plus every day the clock was stopped."""
        months = 1 + self.extension_months
        return add_months(self.received_on, months) + timedelta(days=self.days_clock_stopped(today))

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.status != self.Status.CLOCK_STOPPED and today > self.due_on(today)

    def is_due_soon(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        if not self.is_open or self.status == self.Status.CLOCK_STOPPED:
            return False
        return 0 <= (self.due_on(today) - today).days <= settings.STAR_SUBJECT_ACCESS_DUE_SOON_DAYS


class ClockStop(models.Model):
    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="clock_stops")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300)

    def __str__(self) -> str:
        return f"Clock stopped {self.started_on}–{self.ended_on or 'now'}"


class SubjectAccessEvent(AppendOnlyModel):
    """Immutable history of a request: each change, who made it and when."""

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=SubjectAccessRequest.Status.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} at {self.at:%Y-%m-%d %H:%M}"


class FlaggedItem(models.Model):
    """One piece of the export that may be about someone else, and the reviewer's decision on it.
    Every decision is also written to the request's append-only history and the audit trail."""

    class Decision(models.TextChoices):
        DISCLOSE = "disclose", "Disclose"
        REDACT = "redact", "Redact"
        WITHHOLD = "withhold", "Withhold"

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="flagged_items")
    section = models.CharField(max_length=100)  # the model's label, e.g. "enablement.Contact"
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=100, blank=True)  # blank: the whole record
    why = models.CharField(max_length=200)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    redaction_text = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["section", "object_id", "field", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "section", "object_id", "field"], name="records_flag_once_per_request"),
        ]

    def __str__(self) -> str:
        return f"{self.section} {self.object_id} {self.field or 'record'}"
