"""The append-only audit trail: who did what, when, to which person's record, and why."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.append_only import AppendOnlyModel, AppendOnlyQuerySet, HistoryIsAppendOnly

AuditTrailIsAppendOnly = HistoryIsAppendOnly


class AuditEventQuerySet(AppendOnlyQuerySet["AuditEvent"]):
    def about_person(self, person_id: uuid.UUID | str) -> AuditEventQuerySet:
        return self.filter(person_id=person_id)

    def by_user(self, user_id: int | str) -> AuditEventQuerySet:
        return self.filter(user_id=user_id)


class AuditEvent(AppendOnlyModel):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        SEARCH = "search", "Found in a search"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        EXPORT = "export", "Exported"
        BREAK_GLASS = "break_glass", "Emergency access"
        BREAK_GLASS_REVIEW = "break_glass_review", "Reviewed emergency access"
        CASELOAD_ADDED = "caseload_added", "Added to a caseload"
        CASELOAD_ENDED = "caseload_ended", "Removed from a caseload"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
        SIGN_OUT = "sign_out", "Signed out"
        TWO_FACTOR_SET_UP = "two_factor_set_up", "Set up two-factor authentication"
        TWO_FACTOR_RESET = "two_factor_reset", "Reset two-factor authentication"
        PASSKEY_ADDED = "passkey_added", "Added a passkey"
        PASSKEY_REMOVED = "passkey_removed", "Removed a passkey"
        USER_CREATED = "user_created", "Created a user"
        USER_UPDATED = "user_updated", "Changed a user"
        AUDIT_READ = "audit_read", "Read the audit trail"
        REFUSED = "refused", "Refused access"

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Users are deactivated, never deleted, so PROTECT keeps every actor resolvable.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    user_role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    # No database constraint: the trail must outlive a record destroyed under the retention schedule.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # A person's or a user's events in the trail's order (newest first, then the id), so
            # a filtered page reads its 50 rows from one index instead of walking the whole trail
            # by time testing each event (the planner's choice when the order was not all there).
            models.Index(fields=["person", "-occurred_at", "-id"], name="audit_person_newest"),
            models.Index(fields=["user", "-occurred_at", "-id"], name="audit_user_newest"),
            # Refusals, newest first (the trail's "refused only", the manager's refusal bursts):
            # rare among millions of views, so a walk of the whole trail by time would find few.
            models.Index(fields=["-occurred_at", "-id"], name="audit_refused_time", condition=models.Q(action="refused")),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.user_id} {self.action}"

    @property
    def action_label(self) -> str:
        return self.Action(self.action).label
