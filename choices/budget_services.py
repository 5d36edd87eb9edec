"""Every change to a personal budget: opening it, moving it along the council's pathway (with a
history row), the details the council gives, the member's support plan and its costed lines,
spending with receipts, and reviews. Each is audited. No payment is made: STaR records."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from audit.services import Action, record_event
from choices.models import BudgetReview, BudgetStatus, BudgetStatusChange, PersonalBudget, PlanLine, Spend
from choices.models.budgets import BudgetError, IllegalMove
from choices.spending import Pace, pace
from documents.models import DocumentKind
from documents.services import StoredUpload, add_document
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User


def _audit(*, by: User, action: str, budget: PersonalBudget, obj: object, detail: dict[str, object]) -> None:
    record_event(user=by, action=action, person_id=budget.person_id, obj=obj, detail=detail)  # type: ignore[arg-type]


@transaction.atomic
def open_budget(*, by: User, person: Person, conversation_on: date, note: str = "") -> PersonalBudget:
    """Start the pathway: the first conversation about whether a personal budget would help."""
    if person.personal_budgets.filter(
        status__in=[s for s in BudgetStatus if s not in (BudgetStatus.ENDED, BudgetStatus.NOT_ELIGIBLE)]
    ).exists():
        raise BudgetError("This person already has a personal budget under way: move that one on instead")
    budget = PersonalBudget.objects.create(person=person, conversation_on=conversation_on, opened_by=by)
    BudgetStatusChange.objects.create(
        budget=budget, from_status="", to_status=BudgetStatus.CONVERSATION, happened_on=conversation_on, note=note.strip(), changed_by=by
    )
    _audit(by=by, action=Action.CREATE, budget=budget, obj=budget, detail={"status": budget.status})
    return budget


def lock_budget_for_edit(budget: PersonalBudget) -> PersonalBudget:
    """The budget as saved now, locked until the end of the transaction (`submissions.conflicts`)."""
    return PersonalBudget.objects.select_for_update().get(pk=budget.pk)


@transaction.atomic
def move_budget(*, by: User, budget: PersonalBudget, to_status: str, happened_on: date, note: str = "") -> BudgetStatusChange:
    """One step along the pathway, if the table on the model allows it from where the budget is now."""
    budget = lock_budget_for_edit(budget)
    if to_status not in BudgetStatus.values:
        raise IllegalMove(f"A budget cannot move to {to_status}")
    budget.status_machine.check(budget, to_status)
    if happened_on > timezone.localdate():
        raise BudgetError("The date cannot be in the future")
    if to_status == BudgetStatus.AGREED and (budget.agreed_amount_pence is None or not budget.kind):
        raise BudgetError("Record the agreed amount and how it is paid (the council's details) before marking it agreed")
    if to_status == BudgetStatus.IN_PLACE and budget.ends_on is None:
        raise BudgetError("Record the date the budget's period ends (the council's details) before marking it in place")
    if to_status == BudgetStatus.IN_PLACE and budget.ends_on is not None and budget.ends_on < happened_on:
        raise BudgetError("The budget's period ends before this start date: correct the council's details first")
    change = BudgetStatusChange.objects.create(
        budget=budget, from_status=budget.status, to_status=to_status, happened_on=happened_on, note=note.strip(), changed_by=by
    )
    budget.status = to_status
    date_field = PersonalBudget.STATUS_DATES.get(to_status)
    if date_field:
        setattr(budget, date_field, happened_on)
    budget.save()
    _audit(by=by, action=Action.UPDATE, budget=budget, obj=budget, detail={"status": to_status, "on": happened_on.isoformat()})
    return change


@transaction.atomic
def update_council_details(
    *,
    by: User,
    budget: PersonalBudget,
    council_reference: str,
    kind: str,
    agreed_amount_pence: int | None,
    starts_on: date | None,
    ends_on: date | None,
    review_on: date | None,
    first_payment_on: date | None,
) -> PersonalBudget:
    budget = lock_budget_for_edit(budget)
    if starts_on and ends_on and ends_on < starts_on:
        raise BudgetError("The end of the budget's period must be after its start")
    budget.council_reference = council_reference.strip()
    budget.kind = kind
    budget.agreed_amount_pence = agreed_amount_pence
    budget.starts_on = starts_on
    budget.ends_on = ends_on
    budget.review_on = review_on
    budget.first_payment_on = first_payment_on
    budget.save()
    _audit(by=by, action=Action.UPDATE, budget=budget, obj=budget, detail={"council_details": True})
    return budget


@transaction.atomic
def write_support_plan(*, by: User, budget: PersonalBudget, what_for: str, how_it_helps: str, who_manages: str) -> PersonalBudget:
    """The support plan in the member's own words (they write it; a worker may type it with them)."""
    budget = lock_budget_for_edit(budget)
    budget.plan_what_for = what_for.strip()
    budget.plan_how_it_helps = how_it_helps.strip()
    budget.plan_who_manages = who_manages.strip()
    budget.plan_updated_at = timezone.now()
    budget.plan_updated_by = by
    budget.save()
    _audit(by=by, action=Action.UPDATE, budget=budget, obj=budget, detail={"support_plan": True})
    return budget


@transaction.atomic
def add_plan_line(*, by: User, budget: PersonalBudget, category: str, description: str, amount_pence: int) -> PlanLine:
    if not budget.is_open:
        raise BudgetError("This budget has ended: its plan cannot change")
    line = PlanLine.objects.create(
        budget=budget, category=category, description=description.strip(), amount_pence=amount_pence, added_by=by
    )
    _audit(by=by, action=Action.CREATE, budget=budget, obj=line, detail={"category": category})
    return line


@transaction.atomic
def remove_plan_line(*, by: User, line: PlanLine) -> PlanLine:
    """Take a line out of the plan. It is kept (spending recorded against it still points to it)."""
    line = PlanLine.objects.select_for_update().select_related("budget").get(pk=line.pk)
    if not line.budget.is_open:
        raise BudgetError("This budget has ended: its plan cannot change")
    if line.removed_at is None:
        line.removed_at = timezone.now()
        line.save(update_fields=["removed_at"])
        _audit(by=by, action=Action.UPDATE, budget=line.budget, obj=line, detail={"removed": True})
    return line


@transaction.atomic
def record_spend(
    *,
    by: User,
    budget: PersonalBudget,
    line: PlanLine | None,
    category: str,
    spent_on: date,
    amount_pence: int,
    description: str,
    receipt: StoredUpload | None = None,
    receipt_filename: str = "",
) -> Spend:
    if budget.status != BudgetStatus.IN_PLACE:
        raise BudgetError("Spending can be recorded once the budget is in place")
    if spent_on > timezone.localdate():
        raise BudgetError("The date of the spending must be today or in the past")
    if amount_pence <= 0:
        raise BudgetError("Enter an amount of more than £0")
    spend = Spend(
        budget=budget,
        line=line,
        category=line.category if line is not None else category,
        spent_on=spent_on,
        amount_pence=amount_pence,
        description=description.strip(),
        recorded_by=by,
    )
    if receipt is not None:
        # A document on the person's record: checked for viruses already (documents.services.store_upload).
        spend.receipt = add_document(
            by=by,
            person=budget.person,
            about=None,
            title=f"Receipt: {spend.description}"[:200],
            kind=DocumentKind.RECEIPT,
            original_filename=receipt_filename,
            stored=receipt,
        )
    spend.save()
    _audit(
        by=by,
        action=Action.CREATE,
        budget=budget,
        obj=spend,
        detail={"amount_pence": amount_pence, "receipt": bool(receipt), **({"virus_check": receipt.scan_status} if receipt else {})},
    )
    return spend


@transaction.atomic
def record_budget_review(
    *,
    by: User,
    budget: PersonalBudget,
    reviewed_on: date,
    what_is_working: str,
    what_to_change: str,
    next_review_on: date,
) -> BudgetReview:
    if next_review_on <= reviewed_on:
        raise BudgetError("The next review must be after this one")
    review = BudgetReview.objects.create(
        budget=budget,
        reviewed_on=reviewed_on,
        what_is_working=what_is_working.strip(),
        what_to_change=what_to_change.strip(),
        next_review_on=next_review_on,
        recorded_by=by,
    )
    PersonalBudget.objects.filter(pk=budget.pk).update(review_on=next_review_on)
    budget.review_on = next_review_on
    _audit(by=by, action=Action.CREATE, budget=budget, obj=review, detail={"next_review_on": next_review_on.isoformat()})
    return review


def spent_pence(budget: PersonalBudget) -> int:
    return int(Spend.objects.filter(budget=budget).aggregate(total=Sum("amount_pence"))["total"] or 0)


def pace_of(budget: PersonalBudget, *, today: date | None = None, spent: int | None = None) -> Pace | None:
    """How spending compares with the plan by today (`choices.spending`), for a budget in place."""
    if budget.status != BudgetStatus.IN_PLACE:
        return None
    return pace(
        amount_pence=budget.agreed_amount_pence,
        starts_on=budget.starts_on,
        ends_on=budget.ends_on,
        spent_pence=spent_pence(budget) if spent is None else spent,
        today=today or timezone.localdate(),
    )
