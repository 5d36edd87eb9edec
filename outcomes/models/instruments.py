"""Outcome instruments defined by data (outcomes/instruments/*.json), never by code per measure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models


class ScoringRule(models.TextChoices):
    SUM = "sum", "Sum of the items"
    MEAN = "mean", "Mean of the items answered"
    SUM_CONVERTED = "sum_converted", "Sum, then a conversion table"
    GAS_T_SCORE = "gas_t_score", "Goal attainment T-score (Kiresuk and Sherman)"
    PROFILE = "profile", "Each item on its own (no total)"


class Instrument(models.Model):
    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    version = models.CharField(max_length=20)
    timeframe = models.TextField(blank=True)
    scoring_rule = models.CharField(max_length=20, choices=ScoringRule.choices)
    # [{"value": 0, "label": "Not at all"}, ...]: the same scale for every item.
    answer_options = models.JSONField(default=list)
    reverse_scored = models.JSONField(default=list, blank=True)
    score_min = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    score_max = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    raw_min = models.IntegerField(null=True, blank=True)
    raw_max = models.IntegerField(null=True, blank=True)
    score_label = models.CharField(max_length=40, default="Score")
    conversion_table = models.JSONField(null=True, blank=True)
    rho = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    # None: every item must be answered. A number: at least that many (personal goals).
    min_answered = models.PositiveSmallIntegerField(null=True, blank=True)
    goal_text = models.BooleanField(default=False, help_text="Each item is a goal the person writes in their own words")
    higher_is_better = models.BooleanField(default=True)
    meaningful_change = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    possible_change = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    bands = models.JSONField(default=list, blank=True)
    norms = models.JSONField(default=list, blank=True)
    alerts = models.JSONField(default=list, blank=True)
    chart = models.CharField(max_length=10, default="line")
    licence = models.TextField(blank=True)
    copyright = models.TextField(blank=True)
    wording_licensed = models.BooleanField(default=False)
    wording_loaded_at = models.DateTimeField(null=True, blank=True)
    sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def wording_available(self) -> bool:
        """Licensed wording must be loaded by the deploying organisation before the form is usable."""
        return not self.wording_licensed or self.wording_loaded_at is not None

    @property
    def has_score(self) -> bool:
        return self.scoring_rule != ScoringRule.PROFILE

    @property
    def option_values(self) -> list[int]:
        return [int(option["value"]) for option in self.answer_options]

    @property
    def threshold(self) -> Decimal | None:
        """The meaningful-change threshold: the deployment's setting wins over the shipped default."""
        override = getattr(settings, "STAR_MEANINGFUL_CHANGE", {}).get(self.code)
        if override is not None:
            return Decimal(str(override))
        return self.meaningful_change

    def band_for(self, score: Decimal | None) -> str:
        return band_label(self.bands, score)


def band_label(bands: list[dict[str, Any]], value: Decimal | int | None) -> str:
    if value is None:
        return ""
    for band in bands:
        if Decimal(str(band["min"])) <= Decimal(value) <= Decimal(str(band["max"])):
            return str(band["label"])
    return ""


class Item(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    link_id = models.CharField(max_length=20)
    order = models.PositiveSmallIntegerField()
    # Empty when the wording is licensed and the deploying organisation has not loaded it.
    text = models.TextField(blank=True)
    bands = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "link_id"], name="item_link_id_unique")]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.link_id}"
