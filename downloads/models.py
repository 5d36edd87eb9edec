"""A file prepared in the background for the person who asked for it: a report's PDF today.

The file is kept for `STAR_DOWNLOAD_KEEP_HOURS` and served only to the person who asked, while they
may still see it (`downloads.access`); `manage.py expire_downloads` removes it after that."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class PreparedDownload(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be prepared"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=60)  # a name in downloads.builders
    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict)  # what the builder needs (a report's period and project)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    finished_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(max_length=300, blank=True)  # plain English, for the person who asked
    stored_name = models.CharField(max_length=200, blank=True)  # in default_storage; random, never shown
    filename = models.CharField(max_length=200, blank=True)  # what the browser saves it as
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["requested_by", "-requested_at"]), models.Index(fields=["requested_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
