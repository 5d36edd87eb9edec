"""One row per form that created something, keyed by the random token rendered into that form."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Submission(models.Model):
    """The form with this key made this object. A repeat POST with the same key (a double click,
    a browser retrying after a timeout) finds it here instead of making a second one."""

    key = models.UUIDField(unique=True)
    # Null for the public forms; a signed-in user's key is honoured only for that user.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    # Text, because some objects (people) have UUID keys and others whole numbers.
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="submission_created_at")]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
