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


class FigureSet(models.Model):
    """The figures store (reports/store.py): every figure one report page's period and scope
    needs, computed from raw rows and kept unsuppressed (suppression is applied as they are read).

    `figures` is JSON: each stored figure function's key (name, scope, arguments) → its value
    (reports.figures.codec). `reads_from`..`reads_to` are the dates those figures read: a write
    dated in them marks the set stale (`stale`, and `version` moves on, so a computation that
    began before the write never marks it fresh)."""

    kind = models.CharField(max_length=10)  # a calendar period: month, quarter, year
    start = models.DateField()
    end = models.DateField()
    scope = models.CharField(max_length=40)  # "all", "service:3", "service:3/team:5"
    figures = models.TextField(default="{}")
    reads_from = models.DateField()
    reads_to = models.DateField()
    stale = models.BooleanField(default=False)
    version = models.PositiveBigIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=("kind", "start", "scope"), name="figureset_period_scope"),)
        indexes = (
            models.Index(fields=("reads_from", "reads_to"), name="figureset_reads_idx"),
            models.Index(fields=("stale",), name="figureset_stale_idx", condition=models.Q(stale=True)),
        )

    def __str__(self) -> str:
        return f"Figures for {self.kind} from {self.start} ({self.scope})"


class FigurePart(models.Model):
    """One part of a large published figure in a `FigureSet` (reports/store.py): a national year's
    attendance cube has a row group for each of 3,600 projects, and a page reads one or two of
    them, so the set keeps the figure's key and each group is its own row, read when asked for.
    `data` is the group's rows as `core.published.Published.packed()` JSON."""

    figure_set = models.ForeignKey(FigureSet, on_delete=models.CASCADE, related_name="parts")
    key = models.TextField()  # the stored figure's key in the set
    part = models.CharField(max_length=64)  # the rows' group: the text before "|" ("all", a project's id)
    data = models.TextField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=("figure_set", "key", "part"), name="figurepart_set_key_part"),)

    def __str__(self) -> str:
        return f"Part {self.part} of a stored figure"
