"""Dated sessions of an activity, who is rostered on them, and who came."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

# Sessions are found "in progress" among those that started within this long before the moment,
# and the few that last longer (an index of their own on PostgreSQL, community migration 0009).
A_DAY = timedelta(days=1)


class SessionQuerySet(models.QuerySet["Session"]):
    def running(self) -> SessionQuerySet:
        return self.filter(cancelled_at__isnull=True)

    def upcoming(self) -> SessionQuerySet:
        return self.filter(ends_at__gte=timezone.now())

    def in_progress(self, now: datetime) -> SessionQuerySet:
        """Not cancelled, and started but not ended at `now`. Read from the sessions that started
        in the day before (the start index) and those longer than a day (their own index), not
        by asking each activity for its sessions ending later: "open now" in the directory asked
        1,591 peer support activities on `large` to find the one open at night (15 ms)."""
        length = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
        return (
            self.alias(length=length)
            .filter(Q(starts_at__gt=now - A_DAY) | Q(length__gt=A_DAY))
            .filter(cancelled_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
        )


class Session(models.Model):
    activity = models.ForeignKey("community.Activity", on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cancellation_reason = models.CharField(max_length=200, blank=True)
    # People who came without being named. A value that is set, never incremented, so a retry
    # of the same register cannot count anyone twice.
    headcount = models.PositiveIntegerField(default=0)
    headcount_updated_at = models.DateTimeField(null=True, blank=True)
    headcount_updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "starts_at"], name="one_session_per_activity_start"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]
        indexes = [
            # Covering on PostgreSQL (INCLUDE is ignored on SQLite): the reports count a quarter's
            # sessions per kind from the index alone, without reading 140,000 rows of the table.
            models.Index(fields=["starts_at"], name="session_starts_covering", include=["activity", "cancelled_at", "headcount"]),
            # "Next session" of an activity (directory, Open Referral): the few future rows.
            models.Index(fields=["activity", "ends_at"], name="session_activity_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class RosterRole(models.TextChoices):
    VOLUNTEER = "volunteer", "Volunteer"
    LEAD = "lead", "Project lead"
    FACILITATOR = "facilitator", "Facilitator"


class SessionRoster(models.Model):
    """Who is on duty at a session. The register is open only to them (and the project's leads)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="roster")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rostered_sessions")
    role = models.CharField(max_length=12, choices=RosterRole.choices, default=RosterRole.VOLUNTEER)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_roster_row_per_user_session")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.session_id}"


class Attendance(models.Model):
    """A named person at a session. Unique per session and person: marking twice changes nothing."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="community_attendances")
    marked_at = models.DateTimeField(default=timezone.now)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-marked_at"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_person_session")]
        indexes = [models.Index(fields=["person", "marked_at"], name="attendance_person")]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.session_id}"
