"""User-led projects, the people who lead them, and the people who come to them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Project(models.Model):
    """A user-led project: peer-support drop-ins and groups run in community venues."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()
    who_it_is_for = models.TextField("Who it is for")
    lead_organisation = models.CharField("Group or organisation that leads it", max_length=200)
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    supporting_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supported_projects",
        verbose_name="STR worker who supports it",
    )
    # The team that runs it (docs/teams.md): its service's managers see it. Empty: every manager.
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="projects")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        indexes = [
            # The published projects (the ORUK organizations list): counted and paged by name
            # from this index rather than a scan of every project ever set up.
            models.Index(fields=["name"], condition=models.Q(is_active=True), name="project_active_by_name"),
            # The closed projects, whose activities are not published (`of_open_projects`).
            models.Index(fields=["id"], condition=models.Q(is_active=False), name="project_closed_ids"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectLead(models.Model):
    """The relationship that lets a project lead manage one project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="led_projects")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="one_lead_row_per_user_project")]

    def __str__(self) -> str:
        return f"Lead {self.user_id} of {self.project_id}"


class ProjectMembership(models.Model):
    """A person who comes to a project regularly (a "regular"). Person-linked."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="project_memberships")
    joined_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-joined_at"]
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="one_membership_per_person_project")]

    def __str__(self) -> str:
        return f"Member {self.person_id} of {self.project_id}"
