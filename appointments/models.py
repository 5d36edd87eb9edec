"""1-to-1 appointments booked with an STR worker, and each worker's private diary feed.

An appointment belongs to an open 1-to-1 episode. Once its time has come it becomes a contact in
one step (took place, did not attend, cancelled by whom), so the contact figures and the DNA rate
come from the same rows as before; a cancellation made in advance stays on the appointment."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class Appointment(models.Model):
    class Mode(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        ATTENDED = "attended", "Took place"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"
        CANCELLED_BY_PERSON = "cancelled_by_person", "Cancelled by the person"
        CANCELLED_BY_SERVICE = "cancelled_by_service", "Cancelled by the service"

    episode = models.ForeignKey("enablement.Episode", on_delete=models.PROTECT, related_name="appointments")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="appointments")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=60)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    place = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="Shown to the person in their portal")
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.BOOKED)
    contact = models.OneToOneField("enablement.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="appointment")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cancellation_reason = models.CharField(max_length=300, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["worker", "starts_at"], name="appointment_worker_start"),
            models.Index(fields=["person", "starts_at"], name="appointment_person_start"),
            models.Index(fields=["status", "starts_at"], name="appointment_status_start"),
        ]

    def __str__(self) -> str:
        return f"Appointment {self.pk} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def is_booked(self) -> bool:
        return self.status == self.Status.BOOKED

    @property
    def is_cancelled(self) -> bool:
        return self.status in (self.Status.CANCELLED_BY_PERSON, self.Status.CANCELLED_BY_SERVICE)

    @property
    def is_due_an_outcome(self) -> bool:
        """Booked, and its time has come: the worker says what happened."""
        return self.is_booked and self.starts_at <= timezone.now()


def feed_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class DiaryFeed(models.Model):
    """A worker's private iCalendar link. Only a digest of the token is kept: the link is shown
    once, when it is made; a new link ends the old one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary_feeds")
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"], name="diaryfeed_user_live")]

    def __str__(self) -> str:
        return f"Diary feed {self.pk}"
