"""A personal budget: the council's process as a pathway with dates and a status history, the
member's support plan in their own words with costed lines, spending recorded against it, and
reviews. STaR records; the council pays. Money is whole pence."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.append_only import AppendOnlyModel, AppendOnlyQuerySet
from core.status import BrokenRule, StatusMachine


class BudgetStatus(models.TextChoices):
    CONVERSATION = "conversation", "Talking about whether they are eligible"
    REFERRED = "referred", "Referred to the council"
    ASSESSMENT = "assessment", "Being assessed by the council"
    AGREED = "agreed", "Amount agreed"
    IN_PLACE = "in_place", "Budget in place"
    NOT_ELIGIBLE = "not_eligible", "Not eligible"
    ENDED = "ended", "Ended"


class BudgetKind(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", "Direct payment (the money is paid to them)"
    MANAGED = "managed", "Managed budget (the council holds the money)"


class SpendCategory(models.TextChoices):
    PERSONAL_ASSISTANT = "personal_assistant", "A personal assistant or support worker"
    ACTIVITIES = "activities", "Activities, clubs and classes"
    LEARNING = "learning", "Courses, learning and training"
    TRAVEL = "travel", "Travel"
    EQUIPMENT = "equipment", "Equipment and technology"
    HEALTH = "health", "Health and wellbeing (gym, therapies)"
    BREAKS = "breaks", "Short breaks"
    OTHER = "other", "Something else"


class BudgetError(BrokenRule, ValueError):
    """A change the pathway or the plan does not allow; the message says what to do."""


class IllegalMove(BudgetError):
    """A move along the pathway that is not allowed from where the budget is now."""


class PersonalBudget(models.Model):
    # The pathway: status now → statuses it may move to ("" is a budget not saved yet). "Not
    # eligible" can be referred again (a review or appeal). The history row is the service's own
    # (it carries the date the step happened, which the worker gives), so only the table is here.
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={
            "": {BudgetStatus.CONVERSATION},
            BudgetStatus.CONVERSATION: {BudgetStatus.REFERRED, BudgetStatus.NOT_ELIGIBLE, BudgetStatus.ENDED},
            BudgetStatus.REFERRED: {BudgetStatus.ASSESSMENT, BudgetStatus.NOT_ELIGIBLE, BudgetStatus.ENDED},
            BudgetStatus.ASSESSMENT: {BudgetStatus.AGREED, BudgetStatus.NOT_ELIGIBLE, BudgetStatus.ENDED},
            BudgetStatus.AGREED: {BudgetStatus.IN_PLACE, BudgetStatus.ENDED},
            BudgetStatus.IN_PLACE: {BudgetStatus.ENDED},
            BudgetStatus.NOT_ELIGIBLE: {BudgetStatus.REFERRED, BudgetStatus.ENDED},
        },
        refusal="A budget that is {current} cannot move to {wanted}",
        error=IllegalMove,
    )
    # The date field each status fills in when the budget reaches it.
    STATUS_DATES: ClassVar[dict[str, str]] = {
        BudgetStatus.REFERRED: "referred_on",
        BudgetStatus.ASSESSMENT: "assessed_on",
        BudgetStatus.AGREED: "agreed_on",
        BudgetStatus.IN_PLACE: "starts_on",
        BudgetStatus.ENDED: "ended_on",
    }

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="personal_budgets")
    status = models.CharField(max_length=20, choices=BudgetStatus.choices, default=BudgetStatus.CONVERSATION)
    council_reference = models.CharField(max_length=50, blank=True)
    kind = models.CharField(max_length=20, choices=BudgetKind.choices, blank=True)
    agreed_amount_pence = models.PositiveIntegerField(null=True, blank=True)
    conversation_on = models.DateField()
    referred_on = models.DateField(null=True, blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    # The period the agreed amount covers (usually a year), and when the council reviews it.
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    first_payment_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The support plan, in the member's own words.
    plan_what_for = models.TextField(blank=True)
    plan_how_it_helps = models.TextField(blank=True)
    plan_who_manages = models.TextField(blank=True)
    plan_updated_at = models.DateTimeField(null=True, blank=True)
    plan_updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["person", "status"], name="budget_person_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="budget_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"Personal budget {self.pk}"

    def may_move_to(self, status: str) -> bool:
        return self.status_machine.allows(self.status, status)

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return [(value, label) for value, label in BudgetStatus.choices if self.may_move_to(value)]

    @property
    def is_open(self) -> bool:
        return self.status not in (BudgetStatus.ENDED, BudgetStatus.NOT_ELIGIBLE)


class BudgetStatusChangeQuerySet(AppendOnlyQuerySet["BudgetStatusChange"]):
    pass


class BudgetStatusChange(AppendOnlyModel):
    """One row per move along the pathway: on what date, who recorded it, and why. Never changed."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=BudgetStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=BudgetStatus.choices)
    happened_on = models.DateField()
    note = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = BudgetStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class PlanLine(models.Model):
    """One costed line of the support plan: what it is, and what it costs over the budget's period."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(max_length=20, choices=SpendCategory.choices)
    description = models.CharField(max_length=200)
    amount_pence = models.PositiveIntegerField()
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"Plan line {self.pk}"


class Spend(models.Model):
    """Money spent from the budget, recorded against the plan, with a receipt if there is one."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="spending")
    line = models.ForeignKey(PlanLine, null=True, blank=True, on_delete=models.PROTECT, related_name="spending")
    category = models.CharField(max_length=20, choices=SpendCategory.choices)
    spent_on = models.DateField()
    amount_pence = models.PositiveIntegerField()
    description = models.CharField(max_length=200)
    # The receipt is a document on the person's record (documents: checked by content, scanned for
    # viruses, held until clean, served only through a gate, in subject access, destroyed with it).
    receipt = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-spent_on", "-id"]
        indexes = [models.Index(fields=["budget", "spent_on"], name="spend_budget_day")]

    def __str__(self) -> str:
        return f"Spend {self.pk}"


class BudgetReview(models.Model):
    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    what_is_working = models.TextField()
    what_to_change = models.TextField(blank=True)
    next_review_on = models.DateField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Budget review {self.pk}"
