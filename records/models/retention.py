"""Retention (Records Management Code of Practice for Health and Social Care): who is due for
review, the administrator's decision, and the stub kept when a record is destroyed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class RetentionReview(models.Model):
    """A person whose retention period has ended, found by the nightly `retention_review` job."""

    class Status(models.TextChoices):
        DUE = "due", "Due for review"
        KEPT = "kept", "Kept for now"

    class Rule(models.TextChoices):
        AFTER_LAST_CONTACT = "after_last_contact", "After the last contact"
        AFTER_DEATH = "after_death", "After death"

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="retention_review")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DUE)
    rule = models.CharField(max_length=20, choices=Rule.choices)
    last_activity_on = models.DateField()
    retain_until = models.DateField()
    found_on = models.DateField(default=timezone.localdate)
    keep_reason = models.TextField(blank=True)
    review_on = models.DateField(null=True, blank=True)  # when a kept record comes back for review
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["retain_until", "id"]
        indexes = [models.Index(fields=["status", "retain_until"], name="records_retention_queue")]

    def __str__(self) -> str:
        return f"Retention review {self.pk} ({self.get_status_display()})"


class DestructionRecord(models.Model):
    """The stub kept when a person's records are destroyed. Deliberately no personal data: the
    internal reference is the random identifier the record had (it also appears on the audit
    trail, which is kept), with dates, who authorised it and how many records of each type went."""

    reference = models.CharField("Internal reference", max_length=64, db_index=True)
    rule = models.CharField(max_length=20, choices=RetentionReview.Rule.choices)
    last_activity_on = models.DateField()
    retain_until = models.DateField()
    destroyed_at = models.DateTimeField(default=timezone.now)
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    counts = models.JSONField(default=dict)  # {"enablement.Contact": 12, ...}

    class Meta:
        ordering = ["-destroyed_at", "-id"]

    def __str__(self) -> str:
        return f"Destruction {self.pk} on {self.destroyed_at:%Y-%m-%d}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def counts_by_kind(self) -> list[tuple[str, int]]:
        return sorted((kind_of_record(label), count) for label, count in self.counts.items())


def kind_of_record(label: str) -> str:
    """A model label ("enablement.Contact") in plain words ("Contacts"), for people to read."""
    from django.apps import apps

    label, _, note = label.partition(" (")  # "involvement.InvolvementPayment.paid_to (name removed)"
    app_label, _, rest = label.partition(".")
    model_name, _, field_name = rest.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return label + (f" ({note}" if note else "")
    words = str(model._meta.verbose_name_plural).capitalize()
    if field_name:
        try:
            words += f": {model._meta.get_field(field_name).verbose_name}"
        except LookupError:
            words += f": {field_name}"
    return words + (f" ({note}" if note else "")
