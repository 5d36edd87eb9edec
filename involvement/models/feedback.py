"""Compliments, complaints and ideas, and the history of each complaint's handling."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.status import BrokenRule, History, StatusMachine


class FeedbackKind(models.TextChoices):
    COMPLIMENT = "compliment", "Compliment"
    COMPLAINT = "complaint", "Complaint"
    IDEA = "idea", "Idea"


class FeedbackChannel(models.TextChoices):
    PUBLIC_FORM = "public_form", "Public website form"
    MEMBER_PORTAL = "member_portal", "Member's own pages"
    PAPER = "paper", "Paper form, entered by staff"


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INVESTIGATING = "investigating", "Investigating"
    RESPONDED = "responded", "Responded"
    CLOSED = "closed", "Closed"


class IllegalTransition(BrokenRule):
    """A complaint cannot move from its current status to the one asked for."""


OPEN_COMPLAINT_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.INVESTIGATING)


class FeedbackTheme(models.Model):
    """The configurable list of themes feedback is sorted into."""

    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class FeedbackQuerySet(models.QuerySet["Feedback"]):
    def complaints(self) -> FeedbackQuerySet:
        return self.filter(kind=FeedbackKind.COMPLAINT)

    def overdue_on(self, day: date) -> FeedbackQuerySet:
        """Complaints past a deadline: not acknowledged in time, or still open after the response date."""
        late_acknowledgement = models.Q(status=ComplaintStatus.RECEIVED, acknowledge_by__lt=day)
        late_response = models.Q(status__in=OPEN_COMPLAINT_STATUSES, respond_by__lt=day)
        return self.complaints().filter(late_acknowledgement | late_response)


class Feedback(models.Model):
    kind = models.CharField(max_length=20, choices=FeedbackKind.choices)
    theme = models.ForeignKey(FeedbackTheme, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback")
    message = models.TextField()
    channel = models.CharField(max_length=20, choices=FeedbackChannel.choices)
    # The member it came from, when it came from a signed-in member or staff linked it.
    # If the record is destroyed under the retention schedule, the feedback stays, unlinked.
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    # From the public form or a paper form: how to reply, if they want a reply.
    name = models.CharField(max_length=200, blank=True)
    contact = models.CharField("Email or phone", max_length=200, blank=True)
    about_personal_information = models.BooleanField("About how we use personal information", default=False)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # One record however many times the same form is sent.
    submission_token = models.UUIDField(null=True, blank=True, unique=True)

    # Complaints only.
    status = models.CharField(max_length=20, choices=ComplaintStatus.choices, blank=True)
    acknowledge_by = models.DateField(null=True, blank=True)
    respond_by = models.DateField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    # The only moves a complaint may make (`core.status.move`); anything else is refused.
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={
            ComplaintStatus.RECEIVED: {ComplaintStatus.ACKNOWLEDGED},
            ComplaintStatus.ACKNOWLEDGED: {ComplaintStatus.INVESTIGATING, ComplaintStatus.RESPONDED},
            ComplaintStatus.INVESTIGATING: {ComplaintStatus.RESPONDED},
            ComplaintStatus.RESPONDED: {ComplaintStatus.CLOSED},
        },
        history=History("involvement.ComplaintStatusChange", record="feedback"),
        refusal="A complaint that is {current} cannot be marked {wanted}",
        error=IllegalTransition,
        stamps={
            ComplaintStatus.ACKNOWLEDGED: "acknowledged_at",
            ComplaintStatus.RESPONDED: "responded_at",
            ComplaintStatus.CLOSED: "closed_at",
        },
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["kind", "status"], name="involvement_feedback_status")]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def reference(self) -> str:
        return f"FB-{self.pk:05d}" if self.pk else "FB-new"

    @property
    def is_complaint(self) -> bool:
        return self.kind == FeedbackKind.COMPLAINT

    def allowed_next_statuses(self) -> list[str]:
        return self.status_machine.next_statuses(self.status, ComplaintStatus.values)

    def overdue_on(self, day: date) -> str:
        """'' if on time, else which deadline has passed."""
        if not self.is_complaint:
            return ""
        if self.status == ComplaintStatus.RECEIVED and self.acknowledge_by and self.acknowledge_by < day:
            return "acknowledgement"
        if self.status in OPEN_COMPLAINT_STATUSES and self.respond_by and self.respond_by < day:
            return "response"
        return ""


class ComplaintStatusChange(models.Model):
    """Immutable history: one row per move of a complaint, with who and when."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ComplaintStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ComplaintStatus.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.feedback_id}: {self.from_status or 'new'} → {self.to_status}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Complaint history rows cannot be changed")
        # django-stubs types an AutoField pk as int, but it is None until the row is first saved
        super().save(*args, **kwargs)  # type: ignore[unreachable]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("Complaint history rows cannot be deleted")
