from __future__ import annotations

import pytest

from community.models import Activity, Attendance, Project, Session, SessionRoster
from demo.seeding import seed


@pytest.mark.django_db
def test_demo_data_has_18_projects_with_sessions_and_is_safe_to_run_twice() -> None:
    seed(size="small", seed=1)
    counts = (Project.objects.count(), Activity.objects.count(), Session.objects.count(), Attendance.objects.count())
    assert counts[0] == 18
    assert Session.objects.filter(cancelled_at__isnull=True).exists()
    assert SessionRoster.objects.filter(user__username="volunteer").exists()
    seed(size="small", seed=1)
    assert (Project.objects.count(), Activity.objects.count(), Session.objects.count(), Attendance.objects.count()) == counts
