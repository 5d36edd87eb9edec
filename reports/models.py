"""What reports need beyond the domain apps: costs, the old model's baseline, and census figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CostCategory(models.TextChoices):
    STAFF = "staff", "Staff"
    VENUES = "venues", "Venues"
    VOLUNTEER_EXPENSES = "volunteer_expenses", "Volunteer expenses"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"


class CostEntry(models.Model):
    """Money spent on the service in a period, in whole pence (never a float)."""

    starts_on = models.DateField()
    ends_on = models.DateField()
    category = models.CharField(max_length=20, choices=CostCategory.choices)
    amount_pence = models.BigIntegerField()
    note = models.CharField(max_length=200, blank=True)
    # The service the money was spent for; none: the whole organisation (docs/teams.md).
    service = models.ForeignKey("accounts.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "category"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_pence__gte=0), name="cost_not_negative"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="cost_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.starts_on} to {self.ends_on}"


class Baseline(models.Model):
    """The old model the service replaced (for example day-centre places). The newest one is used."""

    description = models.CharField(max_length=200)
    places = models.PositiveIntegerField()
    cost_per_place_per_week_pence = models.BigIntegerField()
    people_served = models.PositiveIntegerField()
    price_year = models.CharField(max_length=20, blank=True)
    # The service whose old model this was; none: the whole organisation's (docs/teams.md).
    service = models.ForeignKey("accounts.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        get_latest_by = "recorded_at"
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gt=0), name="baseline_has_places"),
            models.CheckConstraint(condition=models.Q(people_served__gt=0), name="baseline_serves_people"),
            models.CheckConstraint(condition=models.Q(cost_per_place_per_week_pence__gte=0), name="baseline_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.description


class PopulationFigure(models.Model):
    """The local adult population in one group of one equality question (from census tables)."""

    question = models.CharField(max_length=30)
    group = models.CharField(max_length=100)
    people = models.PositiveIntegerField()
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["question", "group"]
        constraints = [models.UniqueConstraint(fields=["question", "group"], name="one_population_figure_per_group")]

    def __str__(self) -> str:
        return f"{self.question}: {self.group}"
