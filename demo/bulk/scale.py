"""How big a bulk data set is: areas, and per area its people, workers, projects and activities."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Scale:
    areas: int
    people_per_area: int = 5000
    workers_per_area: int = 8
    projects_per_area: int = 18
    activities_per_project: int = 3
    attendances_per_session: float = 10.6
    referral_rate: float = 0.7  # people referred at least once in five years
    years: int = 5

    def scaled(self, factor: float) -> Scale:
        """A smaller copy for tests: fewer people and projects, same rules."""
        return replace(
            self,
            people_per_area=max(20, int(self.people_per_area * factor)),
            projects_per_area=max(2, int(self.projects_per_area * factor)),
            attendances_per_session=max(2.0, self.attendances_per_session * factor),
        )

    @property
    def people(self) -> int:
        return self.areas * self.people_per_area


# city: ~5,000 people, 18 projects, ~150,000 attendances, ~25,000 contacts, ~10,000 measurements.
# large: ~1,000,000 people, ~20,000,000 attendances, ~5,000,000 contacts, ~2,000,000 measurements.
SCALES = {"city": Scale(areas=1), "large": Scale(areas=200, attendances_per_session=7.0)}
# Attendance (docs/performance.md, "Attendance"): each activity has a few regulars who come most
# weeks and a drifting pool of occasionals who come now and then. An area's people are split by
# index: the first 15% may become someone's regulars, the next 45% are the occasionals' region and
# the last 40% never attend an activity (they have referrals, contacts and so on like everyone).
DROP_IN_SIZE = 1.15  # times the scale's mean (two activities in three are drop-ins): bigger
GROUP_SIZE = 0.7  # groups are smaller (and have a capacity of 15)
REGULAR_SHARE = 0.8  # of a session's attendances, from its regulars
REGULAR_TURNS_UP = 0.8  # a regular comes four weeks in five
MOST_REGULARS = 16  # fits the plan's bit mask of who came
# Named attendances a session may have, by kind: real drop-ins see 5 to 25 people, groups 4 to 12
# (their capacity is 15). A session outside the range gets more or fewer occasionals.
SESSION_SIZES = {"drop_in": (5, 25), "group": (4, 12)}
OCCASIONAL_POOL = 30  # people who drop in now and then at one activity at a time
TERM_WEEKS = 26  # half of an activity's regulars change every six months
QUARTER_WEEKS = 13  # the occasional pool drifts by a third every quarter


def regions(size: int) -> tuple[int, int]:
    """(regulars' region, occasionals' region) of an area's people, by index; the rest never attend."""
    return max(1, size * 15 // 100), max(1, size * 45 // 100)


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means of occasional attenders."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


STRIDE = 7919  # a prime: coprime with every area size that is not a multiple of it
