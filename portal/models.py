"""What the member's own pages keep: single-use links (stored hashed), the member's language, and
the copies of their record they asked for (kept per request so asking twice makes one file)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class MemberLink(models.Model):
    """A single-use, expiring link emailed to a member. Only a hash of the secret is stored."""

    class Purpose(models.TextChoices):
        INVITATION = "invitation", "Invitation to their own pages"
        SIGN_IN = "sign_in", "Sign-in link"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_links")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer link of the same purpose replaced this one.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "-created_at"], name="member_link_latest")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} for user {self.user_id}"


class MemberPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_preference")
    language = models.CharField(max_length=10, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Preferences of user {self.user_id}"


class RecordDownload(models.Model):
    """A copy of a member's record made at their request. The request token in the form makes
    a repeated request find this copy instead of making another."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="record_downloads")
    request_token = models.CharField(max_length=64)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    times_requested = models.PositiveIntegerField(default=1)
    pdf = models.BinaryField()
    data = models.BinaryField()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["person", "request_token"], name="one_download_per_request")]

    def __str__(self) -> str:
        return f"Copy of the record of person {self.person_id}"
