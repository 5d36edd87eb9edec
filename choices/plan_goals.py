"""The goals in the person's plan (plans), so a work goal can sit alongside one of them. Read
through the people gate: staff who may see the person, or the member their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from choices.access import may_use
from people.access import people_visible_to
from people.models import Person
from plans.documents import Kind
from plans.models import PlanDocument

if TYPE_CHECKING:
    from choices.access import Viewer

PLAN_GOALS_OFFERED = 30


def plan_goal_choices(user: Viewer, person: Person) -> list[tuple[str, str]]:
    """(id, heading) of the person's goals in their plan, oldest first: one query."""
    if not may_use(user):
        return []
    goals = PlanDocument.objects.filter(person__in=people_visible_to(user), person=person, kind=Kind.GOAL.value).order_by(
        "created_at", "id"
    )
    return [(str(goal.pk), goal.heading) for goal in goals[:PLAN_GOALS_OFFERED]]
