"""API tokens: how another system (an NHS trust, the council) reaches STaR's API.

A token is stored only as a SHA-256 hash of its secret; the secret is shown once, when it is
made. Each token acts for a named service account (a User with a role), so the API applies the
same access gates as the pages. Tokens carry scopes (`people:read`, `referrals:write`…), expire
on a set date, and can be revoked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Resource(models.TextChoices):
    PEOPLE = "people", "People"
    REFERRALS = "referrals", "Referrals"
    EPISODES = "episodes", "Episodes"
    CONTACTS = "contacts", "Contacts"
    ATTENDANCES = "attendances", "Attendances"


# Every scope a token may hold. Only referrals can be written through the API.
SCOPE_CHOICES: tuple[tuple[str, str], ...] = (
    *((f"{resource.value}:read", f"Read {resource.label.lower()}") for resource in Resource),
    ("referrals:write", "Send referrals"),
)
SCOPES = frozenset(value for value, _ in SCOPE_CHOICES)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    name = models.CharField("What the token is for", max_length=200)
    service_account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the token, so admins can tell tokens apart without the secret.
    prefix = models.CharField(max_length=16)
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(SCOPE_CHOICES)
        return [labels.get(scope, scope) for scope in self.scopes]

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def state_label(self) -> str:
        if self.is_revoked:
            return "Revoked"
        if self.is_expired:
            return "Expired"
        return "Active"


class CrisisPlanSent(models.Model):
    """A crisis plan downloaded to send to a recipient the person agreed to (plans.CrisisPlanShare).
    Shown on the person's timeline, theirs included."""

    class Format(models.TextChoices):
        FHIR = "fhir", "FHIR CarePlan"
        PDF = "pdf", "PDF"

    share = models.ForeignKey("plans.CrisisPlanShare", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=10, choices=Format.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["person", "-sent_at"], name="crisis_plan_sent_person")]

    def __str__(self) -> str:
        return f"Crisis plan sent as {self.format}"


# The legacy data import's models live in their own module; imported here so Django finds them.
from interop.legacy.models import HistoricalContact, ImportMapping, ImportRun, LegacyKey, LegacyRecord  # noqa: E402

__all__ = ["ApiToken", "CrisisPlanSent", "HistoricalContact", "ImportMapping", "ImportRun", "LegacyKey", "LegacyRecord"]


class ReceivedServiceRequest(models.Model):
    """A FHIR ServiceRequest already turned into a referral, by the key that identifies it for its
    sender: each `ServiceRequest.identifier` (system|value) and any `Idempotency-Key` header. The
    unique constraint is what makes sending the same request twice create one referral, even when
    the two arrive at the same moment."""

    class Kind(models.TextChoices):
        IDENTIFIER = "identifier", "ServiceRequest.identifier"
        IDEMPOTENCY_KEY = "idempotency-key", "Idempotency-Key header"

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=500)
    # A hash of the body, so a key reused for a different request is refused, not replayed.
    body_sha256 = models.CharField(max_length=64)
    referral = models.ForeignKey("referrals.Referral", on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sender", "kind", "key"], name="one_referral_per_sent_request")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"
