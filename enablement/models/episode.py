"""The time-limited 1-to-1 episode with an STR worker, its status history, and how it ended."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.append_only import AppendOnlyModel, AppendOnlyQuerySet, HistoryIsAppendOnly
from core.status import BrokenRule, History, StatusMachine

EpisodeHistoryIsImmutable = HistoryIsAppendOnly  # the name this app's code and tests use


class EpisodeClosed(BrokenRule):
    """Contacts, reviews and move-on need an open episode."""


class Episode(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ENDED = "ended", "Ended"

    # An episode opens once and ends once (`core.status.move`).
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={"": {Status.OPEN}, Status.OPEN: {Status.ENDED}},
        history=History("enablement.EpisodeStatusChange", record="episode"),
        refusal="This episode has already ended",
        error=EpisodeClosed,
    )

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="episodes")
    referral = models.OneToOneField("referrals.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="episode")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="episodes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    started_on = models.DateField()
    planned_weeks = models.PositiveSmallIntegerField()
    planned_end_on = models.DateField()
    review_every_weeks = models.PositiveSmallIntegerField()
    next_review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=models.Q(status="open"), name="one_open_episode_per_person"),
            models.CheckConstraint(condition=models.Q(planned_end_on__gte=models.F("started_on")), name="episode_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["worker", "status"], name="episode_worker_status"),
            models.Index(fields=["status", "next_review_on"], name="episode_review_due"),
            # Episodes overlapping a period: still open (NULL) or ended on or after its start.
            models.Index(fields=["ended_on", "started_on"], name="episode_ended_started"),
            # Episodes started in a period (the reports' "episodes started", by month).
            models.Index(fields=["started_on"], name="episode_started"),
        ]

    def __str__(self) -> str:
        return f"Episode {self.pk} for person {self.person_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class EpisodeStatusChangeQuerySet(AppendOnlyQuerySet["EpisodeStatusChange"]):
    pass


class EpisodeStatusChange(AppendOnlyModel):
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Episode.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Episode.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    objects = EpisodeStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class MoveOn(models.Model):
    """Where the person went when the episode ended, so the step-down can be followed up."""

    class Destination(models.TextChoices):
        USER_LED = "user_led", "A user-led project or group"
        VOLUNTEERING = "volunteering", "Volunteering"
        WORK_OR_EDUCATION = "work_education", "Work or education"
        PERSONAL_BUDGET = "personal_budget", "Personal budget or direct payment"
        SECONDARY_CARE = "secondary_care", "Secondary mental health care"
        OTHER_SERVICE = "other_service", "Another service"
        NONE = "none", "None"

    episode = models.OneToOneField(Episode, on_delete=models.PROTECT, related_name="move_on")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="moves_on")
    destination = models.CharField(max_length=20, choices=Destination.choices)
    reason = models.TextField()
    community_group = models.CharField("Drop-in or group they will go to", max_length=200, blank=True)
    # The user-led project they step down into, so their worker can see whether they go.
    project = models.ForeignKey(
        "community.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="moves_on", verbose_name="User-led project"
    )
    # Or a service in the resource hub (another organisation's group): recorded as a signposting
    # too, so its follow-up asks whether they got there (hub.services.signpost).
    resource = models.ForeignKey(
        "hub.Resource", null=True, blank=True, on_delete=models.PROTECT, related_name="moves_on", verbose_name="Service in the resource hub"
    )
    ended_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-ended_on", "-id"]
        indexes = [models.Index(fields=["ended_on"], name="move_on_ended")]  # a period's moves on (reports)

    def __str__(self) -> str:
        return f"Move-on for episode {self.episode_id}"
