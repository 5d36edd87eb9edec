"""Sessions must never run dry: `generate_sessions` tops up every drop-in and group each night
(settings.STAR_SCHEDULE). If the job stops running, the manager's home says so before the
registers and the directory run out of dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from community.models import Activity, Schedule, Session

WARN_WHEN_SESSIONS_END_WITHIN = timedelta(weeks=2)


def activities_running_short(*, today: date | None = None) -> QuerySet[Activity]:
    """Active, scheduled activities with no session from two weeks ahead on, though they have
    not ended by then. One query; each activity is one probe of the (activity, starts) index."""
    today = today or timezone.localdate()
    horizon = today + WARN_WHEN_SESSIONS_END_WITHIN
    from_horizon = timezone.make_aware(datetime.combine(horizon, time.min))
    return (
        Activity.objects.filter(is_active=True, project__is_active=True)
        .filter(Exists(Schedule.objects.filter(activity=OuterRef("pk"))))
        .exclude(ends_on__lt=horizon)
        .exclude(Exists(Session.objects.filter(activity=OuterRef("pk"), starts_at__gte=from_horizon)))
    )
