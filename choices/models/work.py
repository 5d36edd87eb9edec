"""The route into work, education and volunteering, on the lines of Individual Placement and
Support (IPS): a vocational profile in the person's words, goals, the steps taken (job search,
applications, interviews, in-work support) and the jobs, courses and volunteering roles started
and ended. An employer is named only if the person wishes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PlacementKind(models.TextChoices):
    JOB = "job", "Paid work"
    EDUCATION = "education", "Education or training"
    VOLUNTEERING = "volunteering", "Volunteering"


class EmployerType(models.TextChoices):
    PRIVATE = "private", "A business"
    PUBLIC = "public", "The public sector (council, NHS, school)"
    VOLUNTARY = "voluntary", "A charity or community group"
    SOCIAL_ENTERPRISE = "social_enterprise", "A social enterprise"
    SELF_EMPLOYED = "self_employed", "Self-employed"
    COLLEGE = "college", "A college, university or training provider"
    STAR = "star", "STaR itself"


class WorkActivityKind(models.TextChoices):
    JOB_SEARCH = "job_search", "Looking for work"
    APPLICATION = "application", "Applied for a job or course"
    INTERVIEW = "interview", "Interview"
    IN_WORK_SUPPORT = "in_work_support", "In-work support"
    OTHER = "other", "Something else"


class VocationalProfile(models.Model):
    """What the person has done, wants, is good at and needs, in their own words."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="vocational_profile")
    so_far = models.TextField(blank=True)
    what_i_want = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    what_helps = models.TextField(blank=True)
    worries = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Vocational profile {self.pk}"


class WorkGoal(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="work_goals")
    kind = models.CharField(max_length=20, choices=PlacementKind.choices)
    goal = models.CharField(max_length=300)
    # The goal in their plan that this one sits alongside, if any.
    plan_goal = models.ForeignKey("plans.PlanDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    set_on = models.DateField(default=timezone.localdate)
    achieved_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["achieved_on", "-set_on", "-id"]

    def __str__(self) -> str:
        return f"Work goal {self.pk}"


class Placement(models.Model):
    """A job, course or volunteering role: started, and later ended."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="placements")
    kind = models.CharField(max_length=20, choices=PlacementKind.choices)
    title = models.CharField(max_length=200)
    employer_type = models.CharField(max_length=20, choices=EmployerType.choices)
    employer_name = models.CharField(max_length=200, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["kind", "started_on"], name="placement_kind_started")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="placement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True) | (models.Q(hours_per_week__gt=0) & models.Q(hours_per_week__lte=80)),
                name="placement_hours_sensible",
            ),
        ]

    def __str__(self) -> str:
        return f"Placement {self.pk}"


class WorkActivity(models.Model):
    """A step on the way: a search, an application, an interview, or in-work support."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="work_activities")
    kind = models.CharField(max_length=20, choices=WorkActivityKind.choices)
    happened_on = models.DateField()
    note = models.TextField(blank=True)
    placement = models.ForeignKey(Placement, null=True, blank=True, on_delete=models.SET_NULL, related_name="support")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["person", "happened_on"], name="work_activity_person_day")]

    def __str__(self) -> str:
        return f"Work activity {self.pk}"
