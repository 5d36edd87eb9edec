"""Progress towards a goal: a dated rating from 0 to 10 and a note, kept as history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class GoalProgress(models.Model):
    goal = models.ForeignKey("plans.PlanDocument", on_delete=models.CASCADE, related_name="progress_entries")
    recorded_on = models.DateField()
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(10)])
    note = models.TextField(blank=True)
    in_persons_words = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=20)

    class Meta:
        ordering = ["-recorded_on", "-recorded_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(rating__lte=10), name="goal_progress_rating_0_to_10")]

    def __str__(self) -> str:
        return f"Progress {self.rating}/10 on goal {self.goal_id}"
