"""What home pages show about sessions: a volunteer's next sessions on the rota, and a project
lead's sessions today and new regulars. Sessions are not personal; new regulars are a count."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from community.access import projects_run_by
from community.models import ProjectMembership, Session

if TYPE_CHECKING:
    from accounts.models import User

NEXT_SESSIONS = 4
NEW_REGULAR_DAYS = 14


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def rostered_sessions_ahead(user: User) -> list[Session]:
    """The next sessions this user is on the rota for, the one under way first (one query)."""
    return list(
        Session.objects.filter(roster__user=user, ends_at__gte=timezone.now())
        .select_related("activity__venue")
        .order_by("starts_at", "pk")[:NEXT_SESSIONS]
    )


def sessions_today_run_by(user: User, *, today: date) -> QuerySet[Session]:
    start, end = day_bounds(today)
    return (
        Session.objects.filter(activity__project__in=projects_run_by(user), starts_at__gte=start, starts_at__lt=end)
        .select_related("activity__venue")
        .order_by("starts_at", "pk")
    )


def new_regulars_count(user: User, *, today: date) -> int:
    """How many people became regulars of the user's projects in the last two weeks."""
    since, _ = day_bounds(today - timedelta(days=NEW_REGULAR_DAYS))
    return ProjectMembership.objects.filter(project__in=projects_run_by(user), joined_at__gte=since).count()
