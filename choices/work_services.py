"""Every change on the route into work, education and volunteering: the vocational profile in the
person's words, goals, steps (search, applications, interviews, in-work support), and jobs,
courses and volunteering roles started and ended. Each is audited. The member records their own
steps and starts too."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from audit.services import Action, record_event
from choices.models import Placement, VocationalProfile, WorkActivity, WorkGoal
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User


class WorkError(ValueError):
    """A change that is not allowed; the message says what to do."""


PROFILE_FIELDS = ("so_far", "what_i_want", "strengths", "what_helps", "worries")


def lock_profile_for_edit(person: Person) -> VocationalProfile | None:
    return VocationalProfile.objects.select_for_update().filter(person=person).first()


@transaction.atomic
def write_vocational_profile(*, by: User, person: Person, answers: dict[str, str]) -> VocationalProfile:
    profile = lock_profile_for_edit(person) or VocationalProfile(person=person, updated_by=by)
    created = profile.pk is None
    for name in PROFILE_FIELDS:
        setattr(profile, name, (answers.get(name) or "").strip())
    profile.updated_by = by
    profile.updated_at = timezone.now()
    profile.save()
    record_event(
        user=by,
        action=Action.CREATE if created else Action.UPDATE,
        person_id=person.pk,
        obj=profile,
        detail={"profile": True},
    )
    return profile


@transaction.atomic
def set_work_goal(*, by: User, person: Person, kind: str, goal: str, plan_goal_id: int | None = None) -> WorkGoal:
    made = WorkGoal.objects.create(person=person, kind=kind, goal=goal.strip(), plan_goal_id=plan_goal_id, recorded_by=by)
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=made, detail={"kind": kind})
    return made


@transaction.atomic
def mark_goal_achieved(*, by: User, goal: WorkGoal, achieved_on: date) -> WorkGoal:
    goal = WorkGoal.objects.select_for_update().get(pk=goal.pk)
    if goal.achieved_on is None:
        goal.achieved_on = achieved_on
        goal.save(update_fields=["achieved_on"])
        record_event(user=by, action=Action.UPDATE, person_id=goal.person_id, obj=goal, detail={"achieved": True})
    return goal


@transaction.atomic
def record_work_activity(
    *,
    by: User,
    person: Person,
    kind: str,
    happened_on: date,
    note: str = "",
    placement: Placement | None = None,
) -> WorkActivity:
    if placement is not None and placement.person_id != person.pk:
        raise WorkError("Choose one of this person's own jobs")
    activity = WorkActivity.objects.create(
        person=person, kind=kind, happened_on=happened_on, note=note.strip(), placement=placement, recorded_by=by
    )
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=activity, detail={"kind": kind})
    return activity


@transaction.atomic
def record_start(
    *,
    by: User,
    person: Person,
    kind: str,
    title: str,
    employer_type: str,
    employer_name: str,
    hours_per_week: Decimal | None,
    started_on: date,
) -> Placement:
    """A job, course or volunteering role started. The employer's name only if the person wishes."""
    if started_on > timezone.localdate() + timedelta(days=90):
        raise WorkError("The start date must be within the next 3 months")
    placement = Placement.objects.create(
        person=person,
        kind=kind,
        title=title.strip(),
        employer_type=employer_type,
        employer_name=employer_name.strip(),
        hours_per_week=hours_per_week,
        started_on=started_on,
        recorded_by=by,
    )
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=placement, detail={"kind": kind})
    return placement


def lock_placement_for_edit(placement: Placement) -> Placement:
    return Placement.objects.select_for_update().get(pk=placement.pk)


@transaction.atomic
def record_end(*, by: User, placement: Placement, ended_on: date, end_reason: str) -> Placement:
    placement = lock_placement_for_edit(placement)
    if ended_on < placement.started_on:
        raise WorkError("The end date must be on or after the start date")
    if ended_on > timezone.localdate():
        raise WorkError("The end date must be today or in the past")
    placement.ended_on = ended_on
    placement.end_reason = end_reason.strip()
    placement.save(update_fields=["ended_on", "end_reason"])
    record_event(user=by, action=Action.UPDATE, person_id=placement.person_id, obj=placement, detail={"ended": True})
    return placement
