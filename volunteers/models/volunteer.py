"""A volunteer: the same person from their first "I'd like to volunteer" to leaving, with every
change of stage kept as a history row."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.status import BrokenRule, History, StatusMachine


class VolunteerError(BrokenRule):
    """A change that is not allowed, with a message that says what to do."""


class Stage(models.TextChoices):
    EXPRESSED_INTEREST = "expressed_interest", "Expressed interest"
    APPLIED = "applied", "Applied"
    REFERENCES = "references", "References"
    INTERVIEWED = "interviewed", "Interviewed"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    ACTIVE = "active", "Active"
    STEPPED_BACK = "stepped_back", "Stepped back"
    LEFT = "left", "Left"


class VolunteerRole(models.TextChoices):
    LEAD = "lead", "Lead a session"
    CO_FACILITATOR = "co_facilitator", "Co-facilitate a group"
    WELCOME = "welcome", "Welcome people"
    OTHER = "other", "Something else"


class Source(models.TextChoices):
    MEMBER = "member", "A member, from their own pages"
    STAFF = "staff", "Recorded by staff"
    PUBLIC = "public", "The public form"


class Progression(models.TextChoices):
    NONE = "", "Not recorded"
    PAID_WORK = "paid_work", "Paid work"
    PAID_PEER_ROLE = "paid_peer_role", "A paid peer support role"
    EDUCATION = "education", "Education or training"
    OTHER_VOLUNTEERING = "other_volunteering", "Volunteering elsewhere"
    OTHER = "other", "Something else"


class Volunteer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.OneToOneField("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="volunteer")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteer_record")
    # The service whose managers manage them (docs/teams.md). Empty: every manager's.
    service = models.ForeignKey("accounts.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    email = models.EmailField("Email address", blank=True)
    phone = models.CharField("Phone number", max_length=30, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.EXPRESSED_INTEREST)
    source = models.CharField(max_length=10, choices=Source.choices)
    submission_token = models.UUIDField(null=True, blank=True, unique=True)
    roles_of_interest = models.JSONField(default=list, blank=True)
    availability = models.TextField(blank=True)
    lived_experience = models.TextField("Lived experience they choose to share", blank=True)
    support_needs = models.TextField(blank=True)
    interviewed_on = models.DateField(null=True, blank=True)
    interview_notes = models.TextField(blank=True)
    decision_reason = models.TextField(blank=True)
    progression = models.CharField(max_length=20, choices=Progression.choices, blank=True, default="")
    projects = models.ManyToManyField("community.Project", blank=True, related_name="volunteers")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    # The legal moves between stages (`core.status.move`, from services.change_stage); anything else is refused.
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        field="stage",
        transitions={
            "": {Stage.EXPRESSED_INTEREST},
            Stage.EXPRESSED_INTEREST: {Stage.APPLIED, Stage.DECLINED, Stage.LEFT},
            Stage.APPLIED: {Stage.REFERENCES, Stage.DECLINED, Stage.LEFT},
            Stage.REFERENCES: {Stage.INTERVIEWED, Stage.DECLINED, Stage.LEFT},
            Stage.INTERVIEWED: {Stage.APPROVED, Stage.DECLINED, Stage.LEFT},
            Stage.APPROVED: {Stage.ACTIVE, Stage.LEFT},
            Stage.ACTIVE: {Stage.STEPPED_BACK, Stage.LEFT},
            Stage.STEPPED_BACK: {Stage.ACTIVE, Stage.LEFT},
        },
        history=History("volunteers.StageChange", record="volunteer", from_field="from_stage", to_field="to_stage", note_field="reason"),
        refusal="A volunteer who is {current} cannot move to {wanted}",
        error=VolunteerError,
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["stage"], name="volunteer_stage")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def can_be_rostered(self) -> bool:
        return self.stage == Stage.ACTIVE


class StageChange(models.Model):
    """Immutable history: one row per change of stage."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"StageChange {self.pk}"


class Reference(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="references")
    referee_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=200, blank=True)
    requested_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    satisfactory = models.BooleanField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"Reference {self.pk}"
