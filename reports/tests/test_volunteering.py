"""Volunteer hours reach the dashboard and the value of volunteer time, counted in the period only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.periods import Period
from reports.figures.volunteering import volunteering
from volunteers.models import HoursEntry
from volunteers.tests.factories import VolunteerFactory


@pytest.mark.django_db
def test_hours_in_the_period_are_counted_once_per_volunteer() -> None:
    ada, grace = VolunteerFactory.create(), VolunteerFactory.create()
    HoursEntry.objects.create(volunteer=ada, worked_on=date(2026, 4, 10), minutes=90)
    HoursEntry.objects.create(volunteer=ada, worked_on=date(2026, 5, 2), minutes=30)
    HoursEntry.objects.create(volunteer=grace, worked_on=date(2026, 6, 30), minutes=120)
    HoursEntry.objects.create(volunteer=grace, worked_on=date(2026, 7, 1), minutes=600)  # next quarter
    quarter = Period(kind="quarter", start=date(2026, 4, 1), end=date(2026, 6, 30))
    figures = volunteering(quarter)
    assert figures.volunteers == 2
    assert figures.hours == Decimal("4.0")
