"""What happens during an episode: contacts with the person, and reviews on a schedule."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Contact(models.Model):
    class Mode(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"
        COMMUNITY_OUTING = "community_outing", "Community outing"
        TEXT = "text", "Text messages"

    class Outcome(models.TextChoices):
        ATTENDED = "attended", "Took place"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"
        CANCELLED_BY_PERSON = "cancelled_by_person", "Cancelled by the person"
        CANCELLED_BY_SERVICE = "cancelled_by_service", "Cancelled by the service"

    episode = models.ForeignKey("enablement.Episode", on_delete=models.PROTECT, related_name="contacts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contacts")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts")
    contact_date = models.DateField()
    start_time = models.TimeField()
    minutes = models.PositiveSmallIntegerField()
    mode = models.CharField(max_length=20, choices=Mode.choices)
    place = models.CharField(max_length=200, blank=True)
    who_was_there = models.CharField(max_length=300, blank=True)
    what_was_done = models.TextField(blank=True)
    outcome = models.CharField(max_length=25, choices=Outcome.choices, default=Outcome.ATTENDED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contact_date", "-start_time", "-id"]
        indexes = [
            models.Index(fields=["person", "contact_date"], name="contact_person_date"),
            models.Index(fields=["worker", "contact_date"], name="contact_worker_date"),
            # A period's contacts for the reports, whoever the worker or person.
            models.Index(fields=["contact_date"], name="contact_date"),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk} on {self.contact_date}"

    @property
    def took_place(self) -> bool:
        return self.outcome == self.Outcome.ATTENDED


class Review(models.Model):
    class Decision(models.TextChoices):
        CONTINUE = "continue", "Continue as planned"
        EXTEND = "extend", "Extend the episode"
        END = "end", "End the episode"

    episode = models.ForeignKey("enablement.Episode", on_delete=models.PROTECT, related_name="reviews")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    what_is_working = models.TextField()
    progress = models.TextField("Progress on goals")
    persons_view = models.TextField("The person's view")
    who_took_part = models.CharField(max_length=300)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    extend_by_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Review {self.pk} on {self.held_on}"
