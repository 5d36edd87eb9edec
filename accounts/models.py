from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from accounts.roles import ROLES_REQUIRING_TWO_FACTOR, Role


class Service(models.Model):
    """A service the organisation runs, for example one city's STR service. It holds teams; its
    managers see its people, referrals, queues and projects (docs/teams.md)."""

    name = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team within a service, for example the 1-to-1 team or the community team. Workers,
    volunteers and project leads belong to one; caseloads, waiting lists and projects follow it."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service__name", "name"]
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="accounts_team_unique_name_in_service")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in to STaR: staff, volunteers, members and commissioners."""

    role = models.CharField(max_length=20, choices=Role.choices)
    # Where they work (docs/teams.md): a worker, volunteer or project lead belongs to a team (and
    # so to its service); a manager to a service. Neither set: not limited to one service
    # (administrators, commissioners, members, and every account on a single-service install).
    # `service` always matches `team.service` when a team is set (accounts.services.place_user).
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    # Set only by `seed_demo`; local settings may let these skip two-factor for a demo.
    is_demo_account = models.BooleanField(default=False)

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def requires_two_factor(self) -> bool:
        return self.role in ROLES_REQUIRING_TWO_FACTOR

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""


class SignedInSession(models.Model):
    """Which session belongs to whom, so that a user's sessions can be ended without reading every
    session in the store (ASVS V7.4: disabled users, "sign out everywhere else", administrators)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_in_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.signed_in_at:%Y-%m-%d %H:%M}"


class RoleChange(models.Model):
    """A request to give an account a role that reads clinical records: made by an administrator,
    applied only when a service manager who is neither the requester nor the account's holder
    approves it. Every request and decision is kept (and audited)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_changes")
    from_role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    to_role = models.CharField(max_length=20, choices=Role.choices)
    # A new account made for this role stays inactive until the role is approved.
    activate_on_approval = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} to {self.get_to_role_display()} ({self.get_status_display()})"


class KeptForm(models.Model):
    """What a person typed into a form that could not be sent because their session ended or the
    page's security token was out of date: kept for that user and that page only, until they
    return to the page (then deleted) or for a day at most (`accounts.kept_forms`). Stored signed
    (tamper-evident), never logged; passwords, codes and tokens are never kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    data = models.TextField()
    kept_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "path"], name="accounts_kept_user_path")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.path}"
