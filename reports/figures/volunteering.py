"""Volunteer figures for a period: volunteers active, hours given and their value. One aggregate
query per period, in the database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from community.models import Project
from core.periods import Period
from reports.figures.service import stored
from volunteers.figures import published_minutes as _published_minutes
from volunteers.models import HoursEntry

__all__ = ["Volunteering", "published_minutes", "volunteering"]


@dataclass(frozen=True)
class Volunteering:
    volunteers: int
    hours: Decimal


published_minutes = stored(_published_minutes)


@stored
def volunteering(period: Period, project: Project | None = None) -> Volunteering:
    entries = HoursEntry.objects.filter(worked_on__gte=period.start, worked_on__lte=period.end)
    if project is not None:
        entries = entries.filter(project=project)
    figures = entries.aggregate(volunteers=Count("volunteer", distinct=True), minutes=Sum("minutes"))
    return Volunteering(volunteers=figures["volunteers"] or 0, hours=(Decimal(figures["minutes"] or 0) / 60).quantize(Decimal("0.1")))
