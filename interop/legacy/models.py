"""A saved column mapping, one import run (the uploaded file and what became of it), and the
link from a legacy system's own id to the person it became, so a re-import adds no one twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportMapping(models.Model):
    """Which column of the old system's file fills which STaR field; saved to reuse."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, default="people")
    columns = models.JSONField(default=dict)  # STaR field -> column heading in the file
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Nothing imported"

    kind = models.CharField(max_length=20, default="people")
    source_system = models.CharField(max_length=100)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    columns = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    already_there_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # [{"row": 2, "column": "NHS number", "message": "..."}]
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class LegacyRecord(models.Model):
    """The old system's id for a person we imported."""

    source_system = models.CharField(max_length=100)
    legacy_id = models.CharField(max_length=100)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="legacy_records")
    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_system", "legacy_id"], name="legacy_record_unique_id")]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.legacy_id}"
