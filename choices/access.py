"""The gates for personal budgets and the route into work. Scoped by relationship through
`people.access.people_visible_to`: a worker reaches the people on their caseload (and emergency
access), a manager everyone, a member only themselves. Staff need `SUPPORT_CHOICES`; a member
needs `SEE_OWN_RECORD`. Anything else is a 404. Reads are audited by the `get_*` functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from audit.services import Action, record_event
from choices.models import BudgetReview, BudgetStatusChange, PersonalBudget, Placement, PlanLine, Spend, WorkActivity, WorkGoal
from choices.models.work import VocationalProfile
from people.access import people_visible_to, person_scope
from people.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def may_use(user: Viewer) -> bool:
    """Staff who support choices, or a member (whose scope is their own record)."""
    return can(user, Capability.SUPPORT_CHOICES) or can(user, Capability.SEE_OWN_RECORD)


def budgets_for(user: Viewer, person: Person) -> QuerySet[PersonalBudget]:
    if not may_use(user):
        return PersonalBudget.objects.none()
    return PersonalBudget.objects.filter(person__in=person_scope(user, person), person=person).select_related("opened_by")


def get_budget_for(request: HttpRequest, person: Person, budget_id: int, *, audit: bool = True) -> PersonalBudget:
    budget = budgets_for(request.user, person).filter(pk=budget_id).first()
    if budget is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=budget)
    return budget


def current_budget(user: Viewer, person: Person) -> PersonalBudget | None:
    """The person's newest budget (open first): most people have one."""
    return budgets_for(user, person).order_by("-opened_at", "-id").first()


# Rows of a budget the caller has already reached through `get_budget_for` or `current_budget`.
def history_of(budget: PersonalBudget) -> QuerySet[BudgetStatusChange]:
    return BudgetStatusChange.objects.filter(budget=budget).select_related("changed_by")


def lines_of(budget: PersonalBudget) -> QuerySet[PlanLine]:
    return PlanLine.objects.filter(budget=budget, removed_at__isnull=True)


def spending_of(budget: PersonalBudget) -> QuerySet[Spend]:
    return Spend.objects.filter(budget=budget).select_related("line", "recorded_by", "receipt")


def reviews_of(budget: PersonalBudget) -> QuerySet[BudgetReview]:
    return BudgetReview.objects.filter(budget=budget).select_related("recorded_by")


def get_line_of(budget: PersonalBudget, line_id: int) -> PlanLine:
    line = lines_of(budget).filter(pk=line_id).first()
    if line is None:
        raise Http404
    return line


def get_spend_for(request: HttpRequest, person: Person, spend_id: int) -> Spend:
    spend = Spend.objects.filter(budget__in=budgets_for(request.user, person), pk=spend_id).select_related("budget", "receipt").first()
    if spend is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=spend, detail={"receipt": True})
    return spend


def budgets_on_caseload(user: Viewer) -> QuerySet[PersonalBudget]:
    """Budgets in place for the people on this worker's own caseload, for "Today"."""
    if not can(user, Capability.SUPPORT_CHOICES) or not user.is_authenticated:
        return PersonalBudget.objects.none()
    caseload = people_visible_to(user).filter(caseload_entries__worker=user, caseload_entries__ended_at__isnull=True)
    return PersonalBudget.objects.filter(person__in=caseload, status="in_place").select_related("person")


def profile_for(user: Viewer, person: Person) -> VocationalProfile | None:
    if not may_use(user):
        return None
    return VocationalProfile.objects.filter(person__in=people_visible_to(user), person=person).first()


def goals_for(user: Viewer, person: Person) -> QuerySet[WorkGoal]:
    if not may_use(user):
        return WorkGoal.objects.none()
    return WorkGoal.objects.filter(person__in=people_visible_to(user), person=person).select_related("plan_goal")


def get_goal_for(request: HttpRequest, person: Person, goal_id: int) -> WorkGoal:
    goal = goals_for(request.user, person).filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    return goal


def placements_for(user: Viewer, person: Person) -> QuerySet[Placement]:
    if not may_use(user):
        return Placement.objects.none()
    return Placement.objects.filter(person__in=people_visible_to(user), person=person)


def get_placement_for(request: HttpRequest, person: Person, placement_id: int, *, audit: bool = True) -> Placement:
    placement = placements_for(request.user, person).filter(pk=placement_id).first()
    if placement is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=placement)
    return placement


def activities_for(user: Viewer, person: Person) -> QuerySet[WorkActivity]:
    if not may_use(user):
        return WorkActivity.objects.none()
    return WorkActivity.objects.filter(person__in=people_visible_to(user), person=person).select_related("recorded_by", "placement")


def own_person(request: HttpRequest, *, page: str) -> Person:
    """The signed-in member's own record (audited as a read of `page`), or 404."""
    user = request.user
    person = people_visible_to(user).filter(user=user).first() if can(user, Capability.SEE_OWN_RECORD) else None
    if person is None:
        raise Http404
    record_event(user=user, action=Action.VIEW, person_id=person.pk, obj=person, detail={"own_pages": page})
    return person
