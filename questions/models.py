"""The service's own questions: defined by a manager, asked on a form, answered about a person.

A question is never deleted once asked: retiring it stops it being asked and keeps its answers.
Each answer keeps the wording that was asked, so rewording a question never changes what a
past answer appears to say."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class Question(models.Model):
    class Place(models.TextChoices):
        REFERRAL = "referral", "The staff referral form"
        SELF_REFERRAL = "self_referral", "The self-referral form (the public)"
        PERSON = "person", "The person's record"
        CONTACT = "contact", "The contact form (1-to-1 work)"

    class AnswerType(models.TextChoices):
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        YES_NO = "yes_no", "Yes or no"
        ONE_CHOICE = "one_choice", "One choice from a list"
        SEVERAL_CHOICES = "several_choices", "Several choices from a list"
        DATE = "date", "A date"
        WHOLE_NUMBER = "whole_number", "A whole number"

    CHOICE_TYPES: ClassVar[frozenset[str]] = frozenset({AnswerType.ONE_CHOICE, AnswerType.SEVERAL_CHOICES})
    # Answers to these can be counted by answer in the reports.
    COUNTABLE_TYPES: ClassVar[frozenset[str]] = frozenset({AnswerType.YES_NO, AnswerType.ONE_CHOICE, AnswerType.SEVERAL_CHOICES})

    place = models.CharField("Where it is asked", max_length=20, choices=Place.choices)
    wording = models.CharField("Question", max_length=300)
    hint = models.CharField("Hint", max_length=300, blank=True)
    answer_type = models.CharField("Type of answer", max_length=20, choices=AnswerType.choices)
    choices = models.TextField("Answers to choose from", blank=True)
    required = models.BooleanField("An answer is needed", default=False)
    order = models.PositiveSmallIntegerField("Order on the form", default=10)
    monitoring = models.BooleanField("Count the answers in the reports (monitoring)", default=False)
    retired = models.BooleanField("Retired: no longer asked (its answers are kept)", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("place", "order", "pk")
        indexes = (models.Index(fields=("place", "retired", "order"), name="question_asked_idx"),)

    def __str__(self) -> str:
        return self.wording

    def choice_list(self) -> list[str]:
        if self.answer_type == self.AnswerType.YES_NO:
            return ["Yes", "No"]
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Answer(models.Model):
    """One answer about a person, given on a form (a referral's, when `referral` is set; a
    contact's, when `contact` is set). `value`
    is what was answered, as text (choices one a line, a date as YYYY-MM-DD)."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="question_answers")
    referral = models.ForeignKey("referrals.Referral", null=True, blank=True, on_delete=models.CASCADE, related_name="question_answers")
    contact = models.ForeignKey("enablement.Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="question_answers")
    wording_asked = models.CharField("Question asked", max_length=300)
    value = models.CharField("Answer", max_length=5000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("question__order", "pk")
        indexes = (
            models.Index(fields=("person", "question"), name="answer_person_idx"),
            models.Index(fields=("question", "answered_at"), name="answer_figures_idx"),
        )

    def __str__(self) -> str:
        return f"{self.wording_asked}: {self.value}"
