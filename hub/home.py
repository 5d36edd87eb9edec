"""The hub's part of the home pages: follow-ups a worker owes, and those a member can answer."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from hub.access import follow_ups_due_for, person_signpostings_for
from hub.models import FollowUpAnswer
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User


def follow_ups_due_count(user: User, *, today: date) -> int:
    return follow_ups_due_for(user, today=today).count()


def member_follow_ups_due(user: User, person: Person, *, today: date) -> int:
    return person_signpostings_for(user, person).filter(answer__in=("", FollowUpAnswer.NOT_YET), follow_up_due__lte=today).count()
