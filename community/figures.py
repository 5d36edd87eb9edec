"""Figures per project and period, computed in the database (aggregate queries, no row loops)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from community.models import Attendance, Project, Session, SessionRoster


@dataclass(frozen=True)
class ProjectFigures:
    start: date
    end: date
    sessions_run: int
    sessions_cancelled: int
    named_attendances: int
    headcount: int
    unique_people: int
    new_people: int
    volunteers: int

    @property
    def total_attendances(self) -> int:
        return self.named_attendances + self.headcount


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(start, time(), tzinfo=zone), datetime.combine(end + timedelta(days=1), time(), tzinfo=zone)


def project_figures(*, project: Project, start: date, end: date) -> ProjectFigures:
    """Sessions that started in the period [start, end] (local dates), up to now."""
    since, until = _bounds(start, end)
    until = min(until, timezone.now())
    sessions = Session.objects.filter(activity__project=project, starts_at__gte=since, starts_at__lt=until)
    session_totals = sessions.aggregate(
        run=Count("id", filter=Q(cancelled_at__isnull=True)),
        cancelled=Count("id", filter=Q(cancelled_at__isnull=False)),
        headcount=Sum("headcount", filter=Q(cancelled_at__isnull=True), default=0),
    )
    attendances = Attendance.objects.filter(session__in=sessions)
    attendance_totals = attendances.aggregate(named=Count("id"), unique=Count("person", distinct=True))
    new_people = (
        Attendance.objects.filter(session__activity__project=project)
        .values("person")
        .annotate(first=Min("session__starts_at"))
        .filter(first__gte=since, first__lt=until)
        .count()
    )
    volunteers = SessionRoster.objects.filter(session__in=sessions.filter(cancelled_at__isnull=True)).aggregate(
        people=Count("user", distinct=True)
    )["people"]
    return ProjectFigures(
        start=start,
        end=end,
        sessions_run=session_totals["run"],
        sessions_cancelled=session_totals["cancelled"],
        named_attendances=attendance_totals["named"],
        headcount=session_totals["headcount"],
        unique_people=attendance_totals["unique"],
        new_people=new_people,
        volunteers=volunteers,
    )
