"""The bulk data sets' attendance looks like real drop-ins and groups (docs/performance.md,
"Attendance"): a minority of attenders come most weeks and bring most attendances, most
attenders come a few times, many people never, and sessions are the size of real ones."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from statistics import median
from uuid import UUID

import pytest
import time_machine
from django.utils import timezone

from community.models import Attendance, Session
from demo import bulk
from demo.bulk.scale import SESSION_SIZES
from demo.seeding import seed

# One area of 2,000 people over one year: 6 projects, 12 drop-ins and 6 groups, with city's or
# large's sizes (large's sessions are smaller, to keep it to about 20 million attendances).
YEAR = bulk.Scale(areas=1, people_per_area=2000, projects_per_area=6, years=1)
NOW = datetime(2026, 6, 10, 15, 30, tzinfo=UTC)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("size", "drop_in_median", "group_median"),
    [("city", (10, 15), (5, 9)), ("large", (6, 10), (4, 7))],
)
def test_a_year_of_attendance_has_regulars_occasionals_and_real_session_sizes(
    size: str, drop_in_median: tuple[int, int], group_median: tuple[int, int]
) -> None:
    seed(size="small", seed=11)  # the base: sign-ins and the instruments measurements are scored with
    scale = replace(YEAR, attendances_per_session=bulk.SCALES[size].attendances_per_session)
    bulk.load(scale=scale, seed=11, now=timezone.now(), stream=None)
    start = NOW - timedelta(days=365)
    in_year = {"starts_at__gte": start, "starts_at__lt": NOW, "cancelled_at__isnull": True, "activity__project__name__contains": "(Area "}
    ran = dict(Session.objects.filter(**in_year).values_list("id", "activity__kind"))
    rows = list(Attendance.objects.filter(session__in=list(ran)).values_list("person_id", "session__starts_at", "session_id"))
    people = YEAR.people

    # Who comes: most people never or a few times; a minority most weeks, bringing most attendances.
    times = Counter(person for person, _starts, _session in rows)
    weeks: dict[UUID, set[int]] = defaultdict(set)
    for person, starts, _session in rows:
        weeks[person].add((starts - start).days // 7)
    regulars = {person for person, seen in weeks.items() if len(seen) >= 26}  # at least half the year's weeks
    assert 0.25 * people <= len(times) <= 0.6 * people, "attenders in a year"
    assert 0.05 * len(times) <= len(regulars) <= 0.25 * len(times), "attenders who come most weeks"
    assert 0.4 <= sum(times[person] for person in regulars) / len(rows) <= 0.8, "their share of attendances"
    assert 2 <= median(times.values()) <= 8, "attendances per attender"
    assert people - len(times) + sum(1 for n in times.values() if n <= 5) >= 0.75 * people, "never or a few times"

    # Session sizes like real ones, on the weekly schedule.
    per_session = Counter(session for _person, _starts, session in rows)
    sizes: dict[str, list[int]] = defaultdict(list)
    for session, kind in ran.items():
        sizes[kind].append(per_session[session])
    for kind, (fewest, most) in SESSION_SIZES.items():
        assert fewest <= min(sizes[kind]) and max(sizes[kind]) <= most, kind
    assert drop_in_median[0] <= median(sizes["drop_in"]) <= drop_in_median[1]
    assert group_median[0] <= median(sizes["group"]) <= group_median[1]
    activities = YEAR.projects_per_area * YEAR.activities_per_project
    assert 0.9 * activities * 52 <= len(ran) <= activities * 53, "weekly, a few cancelled"
